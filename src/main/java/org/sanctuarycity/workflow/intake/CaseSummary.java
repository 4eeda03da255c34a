package org.sanctuarycity.workflow.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * The case in words for the summary at the top of the task forms (verify, consent, review, response, notify):
 * agency, request type, TRUTH Act access, documents, custody, scheduled release and deadlines. Set as process
 * variables at classification because the forms can only show variables. They carry labels, yes/no and times
 * in the city's zone, never anything that names or describes the person: a document is shown by its form
 * number only when that looks like a form number (letters and digits, at least one digit, no spaces), so a
 * name typed into the field by mistake never reaches the engine. Words come from i18n/case-labels.properties,
 * which the request page (RequestPageController) reads through {@link #word} and {@link #time} as well.
 */
@Component
public class CaseSummary {

  /** I-247A, I-200, AO-257, 2254: what a form number looks like; anything else is not copied. */
  private static final Pattern FORM_NUMBER = Pattern.compile("(?=.*\\d)[A-Za-z0-9][A-Za-z0-9./-]{0,19}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE, MMM d, uuuu, HH:mm zzz", Locale.US);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.US);

  private final ResourceBundleMessageSource labels = new ResourceBundleMessageSource();
  private final CityProperties city;

  public CaseSummary(CityProperties city) {
    this.city = city;
    labels.setBasename("i18n/case-labels");
    labels.setDefaultEncoding("UTF-8");
    labels.setFallbackToSystemLocale(false);
  }

  /** The summary variables of a classified request. */
  public Map<String, Object> variables(FederalRequest request, Instant verificationDue, Instant decisionDue) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put(ProcessVariables.CASE_AGENCY, label("agency." + request.getAgency().name()));
    v.put(ProcessVariables.CASE_REQUEST_TYPE, label("requestType." + request.getRequestType().name()));
    v.put(ProcessVariables.CASE_ACCESS_CATEGORY, label("accessCategory." + request.getAccessCategory().name()));
    v.put(ProcessVariables.CASE_DOCUMENTS, documents(request.getDocuments()));
    v.put(ProcessVariables.CASE_IN_CUSTODY, label(request.isSubjectInCustody() ? "yes" : "no"));
    v.put(ProcessVariables.CASE_SCHEDULED_RELEASE, !request.isSubjectInCustody() ? label("release.notInCustody")
        : request.getSubjectScheduledRelease() == null ? label("release.unknown") : time(request.getSubjectScheduledRelease()));
    v.put(ProcessVariables.CASE_VERIFICATION_DUE, time(verificationDue));
    v.put(ProcessVariables.CASE_DECISION_DUE, time(decisionDue));
    return v;
  }

  /** A time in the city's zone, with the zone's abbreviation, e.g. "Mon, Dec 7, 2026, 22:40 PST". */
  public String time(Instant at) {
    return TIME.format(at.atZone(city.zone()));
  }

  /** A date as staff read it, e.g. "Mar 14, 1988"; dates have no zone (a date of birth, the day a form was issued). */
  public String date(LocalDate day) {
    return DATE.format(day);
  }

  /**
   * The words for a code of the given kind ("decision", "status", "event", "role" ...), e.g. word("decision",
   * "COMPLY_LIMITED") is "Comply in part (partially released)"; the code itself when the file has no words for it
   * (CaseSummaryTest checks that every code the application knows has them).
   */
  public String word(String kind, String code) {
    return code == null ? null : labels.getMessage(kind + "." + code, null, code, Locale.ROOT);
  }

  /** Yes or No. */
  public String yesNo(Boolean value) {
    return value == null ? null : label(value ? "yes" : "no");
  }

  String label(String key) {
    return labels.getMessage(key, null, Locale.ROOT);
  }

  private String documents(List<RequestDocument> documents) {
    if (documents.isEmpty()) {
      return label("documents.none");
    }
    List<String> numbers = documents.stream().map(d -> d.getFormNumber() != null
        && FORM_NUMBER.matcher(d.getFormNumber().strip()).matches() ? d.getFormNumber().strip()
        : label("documents.noFormNumber")).toList();
    return labels.getMessage("documents.count", new Object[] {documents.size(), String.join(", ", numbers)},
        Locale.ROOT);
  }
}
