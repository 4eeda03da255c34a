package org.sanctuarycity.workflow.complaint;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * app.complaints: the public complaint page. English and Spanish ship with the application; the other
 * TRUTH Act languages (zh, tl, vi, ko) appear once the city provides translations here, key by key
 * (the keys of i18n/complaints_en.properties), e.g. app.complaints.translations.vi.title.
 *
 * @param minFillSeconds the challenge refuses forms sent faster than this after the page was served
 * @param maxPerHour complaints and status checks accepted per client address and hour
 * @param maxBodyBytes larger form posts are refused before they are read
 * @param reviewDays the confirmation promises that the city attorney has reviewed the complaint (triage) this many
 *     calendar days after filing; the city's commitment, shown with the date it falls on
 * @param responseDays and that the complainant has a response this many calendar days after filing
 */
@ConfigurationProperties("app.complaints")
public record ComplaintPageProperties(
    @DefaultValue("5") int minFillSeconds,
    @DefaultValue("7200") int maxFillSeconds,
    @DefaultValue("5") int maxPerHour,
    @DefaultValue("32768") int maxBodyBytes,
    @DefaultValue("10") int reviewDays,
    @DefaultValue("90") int responseDays,
    @DefaultValue({"zh", "tl", "vi", "ko"}) List<String> truthActLanguages,
    Map<String, Map<String, String>> translations) {

  public ComplaintPageProperties {
    if (reviewDays < 1 || responseDays < reviewDays) {
      throw new IllegalArgumentException("app.complaints.review-days must be at least 1 and response-days at least "
          + "review-days");
    }
  }

  public Map<String, Map<String, String>> translations() {
    return translations == null ? Map.of() : translations;
  }
}
