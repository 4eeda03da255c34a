package org.sanctuarycity.workflow.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * A top-to-bottom writer for the printed forms and letters (US Letter): wraps text to the page width and starts a
 * new page when one is full.
 */
public final class PdfLayout {

  private final PDDocument doc;
  private final float margin;
  private final float leading;
  private final float width;
  private PDPageContentStream cs;
  private float y;

  public PdfLayout(PDDocument doc, float margin, float leading) throws IOException {
    this.doc = doc;
    this.margin = margin;
    this.leading = leading;
    this.width = PDRectangle.LETTER.getWidth() - 2 * margin;
    newPage();
  }

  public void paragraph(String text, PDFont font, float size, float before) throws IOException {
    space(before);
    for (String line : wrap(text, font, size, width)) {
      line(line, font, size, margin);
    }
  }

  public void choice(String text, PDFont font, float size) throws IOException {
    space(8f);
    float box = size;
    List<String> lines = wrap(text, font, size, width - box - 10f);
    ensure(size * leading);
    cs.addRect(margin, y - size - 2f, box, box);
    cs.stroke();
    for (String line : lines) {
      line(line, font, size, margin + box + 10f);
    }
  }

  public void signatureLine(String label, PDFont font) throws IOException {
    ensure(48f);
    y -= 30f;
    cs.moveTo(margin, y);
    cs.lineTo(margin + width, y);
    cs.stroke();
    y -= 2f;
    line(label, font, 9f, margin);
  }

  /** A thin line across the page, such as under a letterhead. */
  public void rule(float before) throws IOException {
    space(before);
    ensure(4f);
    cs.moveTo(margin, y);
    cs.lineTo(margin + width, y);
    cs.stroke();
  }

  public void space(float points) {
    y -= points;
  }

  public void close() throws IOException {
    cs.close();
  }

  private void line(String text, PDFont font, float size, float x) throws IOException {
    ensure(size * leading);
    y -= size * leading;
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, y + size * (leading - 1f));
    cs.showText(text);
    cs.endText();
  }

  private void ensure(float height) throws IOException {
    if (y - height < margin) {
      cs.close();
      newPage();
    }
  }

  private void newPage() throws IOException {
    PDPage page = new PDPage(PDRectangle.LETTER);
    doc.addPage(page);
    cs = new PDPageContentStream(doc, page);
    cs.setLineWidth(0.8f);
    y = PDRectangle.LETTER.getHeight() - margin;
  }


  /** Characters a line may not start with (CJK closing punctuation): they stay at the end of the line before. */
  private static final String NO_LINE_START = "，。、；：！？）」』】〉》";

  /**
   * Greedy wrapping: at spaces where the language has them; a run without spaces (Chinese) is broken between
   * any two characters.
   */
  public static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (width(candidate, font, size) <= width) {
        line.setLength(0);
        line.append(candidate);
        continue;
      }
      if (!line.isEmpty()) {
        lines.add(line.toString());
        line.setLength(0);
      }
      // The word alone: break it between characters where it is wider than the line.
      int[] cps = word.codePoints().toArray();
      for (int cp : cps) {
        String next = line + Character.toString(cp);
        if (width(next, font, size) > width && !line.isEmpty() && NO_LINE_START.indexOf(cp) < 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        line.appendCodePoint(cp);
      }
    }
    if (!line.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static float width(String s, PDFont font, float size) throws IOException {
    return font.getStringWidth(s) / 1000f * size;
  }
}
