package org.sanctuarycity.workflow.consent;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The wording of the TRUTH Act consent form in the six languages, read once at startup from
 * {@code app.consent.form-location} (default classpath:truth-act/), one UTF-8 properties file per language:
 * consent-form_EN.properties, _ES, _ZH, _TL, _VI, _KO. It is configuration the city attorney owns: the
 * location can point to a folder outside the jar. A missing file or key stops the application at startup, so a
 * form is never printed with a statement left out.
 */
@Component
public class ConsentForms {

  private final Map<FormLanguage, ConsentForm> forms;

  public ConsentForms(ResourceLoader resources,
      @Value("${app.consent.form-location:classpath:truth-act/}") String location) {
    String base = location.endsWith("/") ? location : location + "/";
    Map<FormLanguage, ConsentForm> loaded = new EnumMap<>(FormLanguage.class);
    for (FormLanguage language : FormLanguage.values()) {
      loaded.put(language, load(resources.getResource(base + "consent-form_" + language.name() + ".properties"),
          language));
    }
    this.forms = Map.copyOf(loaded);
  }

  public ConsentForm form(FormLanguage language) {
    return forms.get(language);
  }

  static ConsentForm load(Resource resource, FormLanguage language) {
    Properties p = new Properties();
    try (Reader in = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the " + language + " consent form " + resource.getDescription(), e);
    }
    Map<String, String> text = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String key : ConsentForm.KEYS) {
      String value = p.getProperty(key);
      if (value == null || value.isBlank()) {
        missing.add(key);
      } else {
        // Composed form: PDFBox does no shaping, so Vietnamese marks must arrive as precomposed letters.
        text.put(key, Normalizer.normalize(value.strip(), Normalizer.Form.NFC));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("The " + language + " consent form " + resource.getDescription()
          + " lacks " + missing);
    }
    return new ConsentForm(language, text);
  }
}
