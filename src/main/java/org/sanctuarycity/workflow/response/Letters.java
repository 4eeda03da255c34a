package org.sanctuarycity.workflow.response;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.PdfLayout;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.LegalBasis;
import org.sanctuarycity.workflow.policy.LegalBasisCatalog;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The letters the desk prints from its tasks: the response to the agency (English) and the notice to the person
 * (Gov. Code 7283.1(b)) in each language that has a wording file. Both are built from the decision in force and
 * carry codes turned into words, the reference and dates: no personal data, so the person writes their name by
 * hand and printing one is not a personal-data read.
 */
@Component
public class Letters {

  static final String WORDING = "letters/letters";
  private static final String FONT = "/truth-act/fonts/NotoSans-Regular.ttf";
  private static final String BOLD = "/truth-act/fonts/NotoSans-Bold.ttf";
  private static final float MARGIN = 64f;
  private static final float LEADING = 1.45f;

  private final CityProperties city;
  private final LetterProperties letterhead;
  private final LegalBasisCatalog catalog;
  private final Clock clock;
  private final Map<String, ResourceBundle> wordings = new TreeMap<>();
  private final byte[] regular;
  private final byte[] bold;

  public Letters(CityProperties city, LetterProperties letterhead, LegalBasisCatalog catalog, Clock clock) {
    this.city = city;
    this.letterhead = letterhead;
    this.catalog = catalog;
    this.clock = clock;
    this.regular = read(FONT);
    this.bold = read(BOLD);
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + WORDING + "_*.properties")) {
        String name = r.getFilename();
        String language = name.substring(name.indexOf('_') + 1, name.indexOf('.'));
        wordings.put(language.toUpperCase(Locale.ROOT),
            ResourceBundle.getBundle(WORDING, Locale.forLanguageTag(language), noFallback()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!wordings.containsKey("EN")) {
      throw new IllegalStateException("No English wording (" + WORDING + "_en.properties) for the letters");
    }
  }

  /** The languages the person's notice can be printed in (EN, ES, ...). */
  public List<String> languages() {
    return List.copyOf(wordings.keySet());
  }

  /** The response to the agency, from the drafted response of the decision in force. */
  public byte[] response(FederalRequest request) {
    requireDecided(request);
    if (request.getResponseText() == null) {
      throw new ConflictException("The response to " + request.getReference() + " is not drafted yet");
    }
    ResourceBundle w = wordings.get("EN");
    return print(w, "en", text(w, "response.title"), request.getReference(), (page, fonts) -> {
      page.paragraph(format(w, "response.to", text(w, "agency." + request.getAgency().name())), fonts[0], 11f, 0f);
      page.paragraph(format(w, "response.re", text(w, "requestType." + request.getRequestType().name()),
          request.getReference(), date(w, request.getReceivedAt())), fonts[1], 11f, 4f);
      for (String paragraph : request.getResponseText().split("\n")) {
        if (!paragraph.isBlank()) {
          page.paragraph(paragraph.strip(), fonts[0], 11f, 8f);
        }
      }
      page.paragraph(format(w, "response.decision", text(w, "decision." + request.getDecision().name())),
          fonts[1], 11f, 14f);
      page.paragraph(format(w, "response.basis", basis(request).getLabel(), request.getLegalBasis()), fonts[0], 11f, 4f);
      page.paragraph(items(w, request, "response"), fonts[0], 11f, 4f);
      page.space(36f);
      page.signatureLine(text(w, "response.signature") + ", " + letterhead.office(), fonts[0]);
    });
  }

  /** The notice to the person, in the language of this code (EN when null). */
  public byte[] notice(FederalRequest request, String lang) {
    String language = lang == null || lang.isBlank() ? "EN" : lang.strip().toUpperCase(Locale.ROOT);
    ResourceBundle w = wordings.get(language);
    if (w == null) {
      throw InvalidInputException.of("lang", "is not one of " + languages());
    }
    requireDecided(request);
    return print(w, language.toLowerCase(Locale.ROOT), text(w, "notice.title"), request.getReference(), (page, fonts) -> {
      page.paragraph(format(w, "notice.to", request.getReference()), fonts[0], 11f, 0f);
      page.paragraph(format(w, "notice.body", date(w, request.getReceivedAt()), city.name(),
          text(w, "agency." + request.getAgency().name()), text(w, "requestType." + request.getRequestType().name())),
          fonts[0], 11f, 12f);
      page.paragraph(format(w, "notice.decision", text(w, "decision." + request.getDecision().name())),
          fonts[1], 11f, 10f);
      page.paragraph(format(w, "notice.basis", basis(request).getLabel() + " (" + request.getLegalBasis() + ")"),
          fonts[0], 11f, 4f);
      page.paragraph(items(w, request, "notice"), fonts[0], 11f, 4f);
      page.paragraph(text(w, "notice.copy"), fonts[0], 11f, 10f);
      page.paragraph(format(w, "notice.rights", city.ordinance(), letterhead.complaintsUrl()), fonts[0], 11f, 10f);
      page.space(24f);
      page.paragraph(text(w, "notice.given"), fonts[0], 10f, 0f);
    });
  }

  private interface Body {
    void write(PdfLayout page, PDFont[] fonts) throws IOException;
  }

  private byte[] print(ResourceBundle w, String languageTag, String title, String reference, Body body) {
    try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDFont[] fonts = {PDType0Font.load(doc, new ByteArrayInputStream(regular), true),
          PDType0Font.load(doc, new ByteArrayInputStream(bold), true)};
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(title + " " + reference);
      info.setSubject(reference);
      info.setCreator("Sanctuary City Workflow");
      doc.getDocumentCatalog().setLanguage(languageTag);
      PdfLayout page = new PdfLayout(doc, MARGIN, LEADING);
      page.paragraph(city.name(), fonts[1], 15f, 0f);
      page.paragraph(letterhead.office(), fonts[0], 11f, 2f);
      for (String line : letterhead.address()) {
        page.paragraph(line, fonts[0], 9.5f, 0f);
      }
      page.rule(6f);
      page.paragraph(date(w, clock.instant()), fonts[0], 10f, 14f);
      page.paragraph(title, fonts[1], 13f, 10f);
      page.space(6f);
      body.write(page, fonts);
      page.close();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot print the letter for " + reference, e);
    }
  }

  private static void requireDecided(FederalRequest request) {
    if (request.getDecision() == null || request.getDecision() == Decision.REQUEST_INFO) {
      throw new ConflictException(request.getReference() + " has no final decision yet: there is no letter to print");
    }
  }

  private LegalBasis basis(FederalRequest request) {
    return catalog.find(request.getLegalBasis()).orElseThrow(() ->
        new IllegalStateException("Legal basis " + request.getLegalBasis() + " is not in the catalog"));
  }

  private static String items(ResourceBundle w, FederalRequest request, String prefix) {
    List<String> words = new ArrayList<>();
    if (request.getReleasedItems() != null && !request.getReleasedItems().isBlank()) {
      Arrays.stream(request.getReleasedItems().split(",")).map(String::strip)
          .forEach(code -> words.add(text(w, "item." + code)));
    }
    return words.isEmpty() ? text(w, prefix + ".items.none")
        : format(w, prefix + ".items", String.join("; ", words) + ".");
  }

  private String date(ResourceBundle w, Instant at) {
    Locale locale = w.getLocale() == null || w.getLocale().getLanguage().isEmpty() ? Locale.US : w.getLocale();
    return DateTimeFormatter.ofPattern(text(w, "date.pattern"), locale).format(at.atZone(city.zone()));
  }

  private static String text(ResourceBundle w, String key) {
    return w.getString(key);
  }

  private static String format(ResourceBundle w, String key, Object... args) {
    return new MessageFormat(text(w, key), w.getLocale()).format(args);
  }

  private static ResourceBundle.Control noFallback() {
    return ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  }

  private static byte[] read(String path) {
    try (InputStream in = Letters.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Font " + path + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
