package org.sanctuarycity.workflow.intake;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.audit.DataAccessLog;
import org.sanctuarycity.workflow.policy.LegalBasis;
import org.sanctuarycity.workflow.policy.LegalBasisCatalog;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * /requests/{reference}: the page task forms link to. Staff already logged into Tasklist open it with
 * that session. Personal data is shown only to the groups allowed to see it, read from the
 * application's tables (never from process variables), and every value is HTML-escaped.
 *
 * <p>Everything is in words (i18n/case-labels.properties through {@link CaseSummary}, legal bases by their
 * catalog label) and every time in the city's zone: the open tasks with who holds them and a link to Tasklist
 * for those who may work them, a link to Cockpit for those who use it, the request, the person's data and the
 * documents presented for the roles that may see them, and the transparency log's entries as a timeline.
 * No scripts and no inline styles (the page's Content-Security-Policy allows neither).
 */
@Controller
class RequestPageController {

  static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";
  static final String COCKPIT_INSTANCE = "/camunda/app/cockpit/default/#/process-instance/";

  private final RequestViews views;
  private final CaseSummary words;
  private final LegalBasisCatalog bases;

  RequestPageController(RequestViews views, CaseSummary words, LegalBasisCatalog bases) {
    this.views = views;
    this.words = words;
    this.bases = bases;
  }

  @GetMapping(value = "/requests/{reference}", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String page(@PathVariable String reference, Authentication auth) {
    IntakeController.checkReference(reference);
    List<String> groups = IntakeController.groups(auth);
    RequestView v = views.view(reference, auth.getName(), groups, DataAccessLog.Channel.PAGE);
    RequestViews.Links links = views.links(v, auth.getName(), groups);
    Map<String, String> basisLabels = new HashMap<>();
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(e(v.reference())).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"container\">")
        .append("<h1>Request ").append(e(v.reference())).append("</h1>")
        .append("<p class=\"lead\">").append(e(words.word("status", v.status()))).append("</p>");
    tasks(h, v, links);
    dl(h, "Request", new String[][] {
        {"Status", words.word("status", v.status())},
        {"Agency", words.word("agency", v.agency())},
        {"Request type", words.word("requestType", v.requestType())},
        {"Channel", words.word("channel", v.channel())},
        {"Received", time(v.receivedAt())},
        {"Primary purpose (Gov. Code 7284.6(b)(3))", words.word("primaryPurpose", v.primaryPurpose())},
        {"Facility (AB 49 schools, SB 81 health facilities)", words.word("facilityKind", v.facilityKind())},
        {"Area of the facility (non-public needs a judicial warrant)", words.word("facilityArea", v.facilityArea())},
        {"TRUTH Act access", words.word("accessCategory", v.accessCategory())},
        {"Immigration-related", words.yesNo(v.immigrationRelated())},
        {"Notify the person", words.yesNo(v.notifyPerson())},
        {"Verification due", time(v.verificationDueAt())}, {"Decision due", time(v.decisionDueAt())}});
    dl(h, "Verification and decision", new String[][] {
        {"Warrant finding", words.word("warrantFinding", v.warrantFinding())},
        {"Requester verified", words.yesNo(v.requesterVerified())},
        {"Decision", words.word("decision", v.decision())},
        {"Legal basis", basis(v.legalBasis(), basisLabels)},
        {"Released items", v.decision() == null ? null : releasedItems(v.releasedItems())},
        {"Decided", time(v.decidedAt())},
        {"Response sent", time(v.responseSentAt())},
        {"Sent by", words.word("responseMethod", v.responseMethod())},
        {"Person notified", time(v.personNotifiedAt())},
        {"Closed", time(v.closedAt())}});
    if (v.responseText() != null) {
      h.append("<h2>Drafted response</h2><pre class=\"response\">").append(e(v.responseText())).append("</pre>");
    }
    RequestView.Personal p = v.personal();
    if (p != null) {
      dl(h, "Requester", new String[][] {{"Name", p.requester().name()}, {"Badge / ID", p.requester().badgeNumber()},
          {"Phone (as given; call back on a number the city already has)", p.requester().phone()},
          {"E-mail", p.requester().email()}});
      dl(h, "Subject", new String[][] {{"Name", p.subject().fullName()}, {"Date of birth", date(p.subject().dateOfBirth())},
          {"Booking number", p.subject().bookingNumber()}, {"In custody", words.yesNo(p.subject().inCustody())},
          {"Scheduled release", !p.subject().inCustody() ? words.label("release.notInCustody")
              : p.subject().scheduledRelease() == null ? words.label("release.unknown")
              : time(p.subject().scheduledRelease())}});
      h.append("<h2>Summary</h2><p class=\"summary\">").append(e(p.summary())).append("</p>");
      documents(h, p.documents());
      for (RequestView.Reply r : p.replies()) {
        h.append("<h2>Agency reply of ").append(e(time(r.receivedAt()))).append("</h2><p>").append(e(r.summary()))
            .append("</p>");
      }
    } else {
      h.append("<p>Personal data and the documents presented are not shown to your role.</p>");
    }
    timeline(h, v.logEntries(), basisLabels);
    h.append("</main></body></html>");
    return h.toString();
  }

  /** The open tasks, who may work them and who holds them, with the links the caller may follow. */
  private void tasks(StringBuilder h, RequestView v, RequestViews.Links links) {
    h.append("<h2>Current task</h2>");
    if (v.currentSteps().isEmpty()) {
      h.append("<p>No open task.").append("AWAITING_AGENCY_REPLY".equals(v.status())
          ? " The request waits for the agency's reply." : "").append("</p>");
    } else {
      h.append("<table class=\"tasks\"><thead><tr><th scope=\"col\">Task</th><th scope=\"col\">Worked by</th>")
          .append("<th scope=\"col\">Held by</th><th scope=\"col\">Due</th><th scope=\"col\">Tasklist</th></tr>")
          .append("</thead><tbody>");
      for (RequestView.Step s : v.currentSteps()) {
        h.append("<tr><td>").append(e(s.name())).append("</td><td>")
            .append(e(s.candidateGroups().isEmpty() ? null : String.join(" or ",
                s.candidateGroups().stream().map(g -> words.word("role", g)).toList())))
            .append("</td><td>").append(e(s.assignee() == null ? words.label("task.notClaimed") : s.assignee()))
            .append("</td><td>").append(e(time(s.due()))).append("</td><td>");
        if (links.tasklistTaskIds().contains(s.taskId())) {
          h.append("<a class=\"task-link\" href=\"").append(e(TASKLIST_TASK + s.taskId())).append("\">Open in Tasklist</a>");
        } else {
          h.append("Not in your task list");
        }
        h.append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    if (links.cockpit()) {
      h.append("<p><a class=\"cockpit-link\" href=\"").append(e(COCKPIT_INSTANCE + v.processInstanceId()))
          .append("\">Open the process in Cockpit</a></p>");
    }
  }

  private void documents(StringBuilder h, List<RequestView.Document> documents) {
    h.append("<h2>Documents presented</h2>");
    if (documents.isEmpty()) {
      h.append("<p>").append(e(words.label("documents.none"))).append("</p>");
      return;
    }
    h.append("<table class=\"documents\"><thead><tr><th scope=\"col\">Form number</th><th scope=\"col\">Issued by</th>")
        .append("<th scope=\"col\">Signed by</th><th scope=\"col\">Signer's title</th><th scope=\"col\">Issued on</th>")
        .append("</tr></thead><tbody>");
    for (RequestView.Document d : documents) {
      h.append("<tr><td>").append(e(d.formNumber())).append("</td><td>").append(e(d.issuedBy())).append("</td><td>")
          .append(e(d.signedBy())).append("</td><td>").append(e(d.signerTitle())).append("</td><td>")
          .append(e(date(d.issuedOn()))).append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  /** The request's log entries in order: when, what happened, the decision it records, and the role that acted. */
  private void timeline(StringBuilder h, List<TransparencyEntry> entries, Map<String, String> basisLabels) {
    h.append("<h2>Timeline</h2><p>From the public transparency log; times are city time.</p>")
        .append("<table class=\"timeline\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">When</th>")
        .append("<th scope=\"col\">What happened</th><th scope=\"col\">Decision</th><th scope=\"col\">Legal basis</th>")
        .append("<th scope=\"col\">By</th></tr></thead><tbody>");
    for (TransparencyEntry t : entries) {
      h.append("<tr><td>").append(t.seq()).append("</td><td>").append(e(time(t.recordedAt()))).append("</td><td>")
          .append(e(words.word("event", t.eventType()))).append("</td><td>")
          .append(e(words.word("decision", t.decision()))).append("</td><td>")
          .append(e(basis(t.legalBasis(), basisLabels))).append("</td><td>")
          .append(e(words.word("role", t.actorRole()))).append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  /** The catalog's label of a legal basis, as the legal-review form lists it; the code if the catalog lacks it. */
  private String basis(String code, Map<String, String> cache) {
    return code == null ? null : cache.computeIfAbsent(code, c -> bases.find(c).map(LegalBasis::getLabel).orElse(c));
  }

  private String releasedItems(List<String> items) {
    List<String> named = items.stream().filter(i -> !i.isBlank()).map(i -> words.word("releasedItem", i.strip())).toList();
    return named.isEmpty() ? words.label("releasedItems.none") : String.join("; ", named);
  }

  private String time(Instant at) {
    return at == null ? null : words.time(at);
  }

  /** An ISO date (a date of birth, a form's date) as staff read it; anything else as stored. */
  private String date(String isoDate) {
    if (isoDate == null) {
      return null;
    }
    try {
      return words.date(LocalDate.parse(isoDate));
    } catch (DateTimeParseException notADate) {
      return isoDate;
    }
  }

  private static void dl(StringBuilder h, String title, String[][] rows) {
    h.append("<h2>").append(e(title)).append("</h2><dl>");
    for (String[] row : rows) {
      h.append("<dt>").append(e(row[0])).append("</dt><dd>").append(e(row[1])).append("</dd>");
    }
    h.append("</dl>");
  }

  private static String e(String s) {
    return s == null ? "—" : htmlEscape(s, "UTF-8");
  }
}
