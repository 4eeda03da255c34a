package org.sanctuarycity.workflow.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Gov. Code 7283.1(a): the written consent form explains the purpose of the interview, that it is voluntary,
 * that the person may decline or be interviewed only with an attorney present, and it is available in English,
 * Spanish, Chinese, Tagalog, Vietnamese and Korean. The wording is read from the configuration files themselves
 * and looked for in the text PDFBox extracts from each printed PDF, which also proves every glyph is there.
 */
class ConsentFormPdfTest {

  static final String REFERENCE = "FR-2026-00042";
  final ConsentForms forms = new ConsentForms(new DefaultResourceLoader(), "classpath:truth-act/");
  final ConsentFormPdf pdf = new ConsentFormPdf(forms);

  @Test
  void theConsentFormIsPrintedInEachOfTheSixLanguages() throws IOException {
    for (FormLanguage language : FormLanguage.values()) {
      byte[] bytes = pdf.print(REFERENCE, language);
      Properties configured = configured(language);
      try (PDDocument doc = Loader.loadPDF(bytes)) {
        String text = squeeze(new PDFTextStripper().getText(doc));
        for (String key : ConsentForm.KEYS) {
          assertThat(text).as("%s %s", language, key).contains(squeeze(configured.getProperty(key)));
        }
        assertThat(text).as("%s reference", language).contains(REFERENCE);
        assertThat(doc.getNumberOfPages()).as("%s fits one page", language).isEqualTo(1);
        // The fonts come from the jar, embedded as subsets: nothing depends on the fonts of the reader's machine.
        for (PDFont font : fonts(doc)) {
          assertThat(font.isEmbedded()).as("%s %s embedded", language, font.getName()).isTrue();
          assertThat(font.getName()).as("%s subset", language).matches("[A-Z]{6}\\+.*");
        }
      }
      assertThat(bytes.length).as("%s PDF size", language).isLessThan(200_000);
    }
  }

  @Test
  void theFormStatesEachRightTheTruthActGivesInEveryLanguage() {
    for (FormLanguage language : FormLanguage.values()) {
      ConsentForm form = forms.form(language);
      for (String key : ConsentForm.STATEMENTS) {
        assertThat(form.get(key)).as("%s %s", language, key).isNotBlank();
      }
      // A translation is never the English text left in place.
      if (language != FormLanguage.EN) {
        assertThat(form.get("voluntary")).as(language.name()).isNotEqualTo(forms.form(FormLanguage.EN).get("voluntary"));
      }
    }
    assertThat(forms.form(FormLanguage.EN).get("attorney")).contains("attorney present");
    assertThat(forms.form(FormLanguage.ES).get("decline")).contains("negarse");
    assertThat(forms.form(FormLanguage.ZH).get("voluntary")).contains("自願");
    assertThat(forms.form(FormLanguage.TL).get("voluntary")).contains("Kusang-loob");
    assertThat(forms.form(FormLanguage.VI).get("voluntary")).contains("tự nguyện");
    assertThat(forms.form(FormLanguage.KO).get("voluntary")).contains("자발적");
  }

  @Test
  void everyCharacterOfTheConfiguredWordingHasAGlyphInTheShippedFonts() {
    for (FormLanguage language : FormLanguage.values()) {
      assertThat(pdf.missingGlyphs(language)).as(language.name()).isEmpty();
    }
  }

  @Test
  void aWordingFileWithoutAStatementIsRefusedAtStartup() {
    var resource = new org.springframework.core.io.ByteArrayResource(
        "title=T\nlaw=L\n".getBytes(StandardCharsets.UTF_8), "test wording");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsentForms.load(resource, FormLanguage.EN))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("voluntary").hasMessageContaining("attorney");
  }

  static Properties configured(FormLanguage language) throws IOException {
    Properties p = new Properties();
    try (Reader in = new InputStreamReader(ConsentFormPdfTest.class.getResourceAsStream(
        "/truth-act/consent-form_" + language.name() + ".properties"), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  /** NFC, without any whitespace: the PDF breaks lines where the page ends, Chinese between any characters. */
  static String squeeze(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("\\s+", "");
  }

  static List<PDFont> fonts(PDDocument doc) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    for (PDPage page : doc.getPages()) {
      for (var name : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(name));
      }
    }
    return fonts;
  }
}
