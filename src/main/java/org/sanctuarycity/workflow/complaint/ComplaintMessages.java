package org.sanctuarycity.workflow.complaint;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.AbstractMessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The complaint pages' MessageSource: translations configured by the city (app.complaints.translations)
 * first, then the bundled English and Spanish texts (i18n/complaints_*.properties), then English.
 */
@Component
class ComplaintMessages extends AbstractMessageSource {

  private final ComplaintPageProperties properties;
  private final ResourceBundleMessageSource bundled = new ResourceBundleMessageSource();

  ComplaintMessages(ComplaintPageProperties properties) {
    this.properties = properties;
    bundled.setBasename("i18n/complaints");
    bundled.setDefaultEncoding("UTF-8");
    bundled.setFallbackToSystemLocale(false);
    setParentMessageSource(bundled);
  }

  @Override
  protected MessageFormat resolveCode(String code, Locale locale) {
    Map<String, String> configured = properties.translations().get(locale.getLanguage());
    String text = configured == null ? null : configured.get(code);
    return text == null ? null : new MessageFormat(text, locale);
  }

  /** en, es, and each TRUTH Act language the city has translated. */
  List<String> languages() {
    List<String> langs = new ArrayList<>(List.of("en", "es"));
    properties.truthActLanguages().stream().filter(l -> properties.translations().containsKey(l)).forEach(langs::add);
    return langs;
  }

  String language(String requested) {
    return requested != null && languages().contains(requested) ? requested : "en";
  }
}
