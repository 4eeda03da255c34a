package org.sanctuarycity.workflow.consent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.sanctuarycity.workflow.policy.ConsentAnswer;
import org.sanctuarycity.workflow.common.PdfLayout;
import org.springframework.stereotype.Component;

/**
 * Prints the TRUTH Act consent form (Gov. Code 7283.1(a)) as a one-page US Letter PDF in the person's language:
 * title, the law, the request reference, the five statements, three boxes for the answer and blank lines for
 * the person's name and signature, the date and the signature of the employee who gave it. The only data
 * printed is the request reference: the person writes their own name, so no personal data is read.
 *
 * <p>The fonts ship in the jar (truth-act/fonts, Noto Sans subsets, SIL OFL; see src/main/fonts/README.md): the
 * PDF never depends on fonts installed on the machine, and PDFBox embeds only the glyphs each PDF uses. At
 * startup every character of the configured wording is checked against its font, so a wording the fonts cannot
 * show stops the application instead of printing empty boxes.
 */
@Component
public class ConsentFormPdf {

  static final String FONTS = "/truth-act/fonts/";
  private static final float MARGIN = 60f;
  private static final float BODY = 11f;
  private static final float LEADING = 1.45f;

  /** The regular and the heading font file of each language. */
  record FontFiles(String regular, String bold) {}

  private final ConsentForms forms;
  private final Map<FormLanguage, FontFiles> files = new EnumMap<>(FormLanguage.class);
  private final Map<String, byte[]> fontBytes;

  public ConsentFormPdf(ConsentForms forms) {
    this.forms = forms;
    FontFiles latin = new FontFiles("NotoSans-Regular.ttf", "NotoSans-Bold.ttf");
    for (FormLanguage l : List.of(FormLanguage.EN, FormLanguage.ES, FormLanguage.TL, FormLanguage.VI)) {
      files.put(l, latin);
    }
    // No bold weight is shipped for Chinese and Korean (it would double their size): headings are larger instead.
    files.put(FormLanguage.ZH, new FontFiles("NotoSansTC-Regular.ttf", "NotoSansTC-Regular.ttf"));
    files.put(FormLanguage.KO, new FontFiles("NotoSansKR-Regular.ttf", "NotoSansKR-Regular.ttf"));
    this.fontBytes = Map.of(
        "NotoSans-Regular.ttf", read("NotoSans-Regular.ttf"), "NotoSans-Bold.ttf", read("NotoSans-Bold.ttf"),
        "NotoSansTC-Regular.ttf", read("NotoSansTC-Regular.ttf"), "NotoSansKR-Regular.ttf", read("NotoSansKR-Regular.ttf"));
    for (FormLanguage language : FormLanguage.values()) {
      List<String> missing = missingGlyphs(language);
      if (!missing.isEmpty()) {
        throw new IllegalStateException("The " + language + " consent form uses characters its font "
            + files.get(language).regular() + " cannot show: " + missing
            + "; rebuild the font subset (src/main/fonts/README.md)");
      }
    }
  }

  /** The form for the request with this reference, in this language. */
  public byte[] print(String reference, FormLanguage language) {
    ConsentForm form = forms.form(language);
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDFont regular = load(doc, files.get(language).regular());
      PDFont bold = files.get(language).bold().equals(files.get(language).regular()) ? regular
          : load(doc, files.get(language).bold());
      boolean latin = regular != bold;
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(form.get("title"));
      info.setSubject(reference);
      info.setCreator("Sanctuary City Workflow");
      doc.getDocumentCatalog().setLanguage(tag(language));

      PdfLayout page = new PdfLayout(doc, MARGIN, LEADING);
      page.paragraph(form.get("language"), regular, 9f, 0f);
      page.paragraph(form.get("title"), bold, latin ? 16f : 17f, 6f);
      page.paragraph(form.get("law"), regular, 9.5f, 4f);
      page.paragraph(form.get("reference") + ": " + reference, latin ? bold : regular, BODY, 14f);
      for (String key : ConsentForm.STATEMENTS) {
        page.paragraph(form.get(key), regular, BODY, 8f);
      }
      page.paragraph(form.get("choices"), latin ? bold : regular, BODY, 16f);
      for (ConsentAnswer answer : ConsentAnswer.values()) {
        page.choice(form.choice(answer), regular, BODY);
      }
      page.space(18f);
      for (String key : ConsentForm.SIGNATURES) {
        page.signatureLine(form.get(key), regular);
      }
      page.close();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot print the consent form", e);
    }
  }

  /** The characters of this language's wording that its font has no glyph for (empty when it can be printed). */
  List<String> missingGlyphs(FormLanguage language) {
    List<String> missing = new ArrayList<>();
    ConsentForm form = forms.form(language);
    for (String file : List.of(files.get(language).regular(), files.get(language).bold())) {
      try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(fontBytes.get(file)))) {
        CmapLookup cmap = ttf.getUnicodeCmapLookup();
        for (String key : ConsentForm.KEYS) {
          form.get(key).codePoints().filter(cp -> cp >= 0x20 && cmap.getGlyphId(cp) == 0).distinct()
              .forEach(cp -> missing.add(key + " U+" + String.format(Locale.ROOT, "%04X", cp)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read font " + file, e);
      }
    }
    return missing.stream().distinct().toList();
  }

  private PDFont load(PDDocument doc, String file) throws IOException {
    try (InputStream in = new ByteArrayInputStream(fontBytes.get(file))) {
      return PDType0Font.load(doc, in, true);
    }
  }

  private static byte[] read(String file) {
    try (InputStream in = ConsentFormPdf.class.getResourceAsStream(FONTS + file)) {
      if (in == null) {
        throw new IllegalStateException("Font " + FONTS + file + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tag(FormLanguage language) {
    return switch (language) {
      case ZH -> "zh-Hant";
      case TL -> "tl";
      default -> language.name().toLowerCase(Locale.ROOT);
    };
  }
}
