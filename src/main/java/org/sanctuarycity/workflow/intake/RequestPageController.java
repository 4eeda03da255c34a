package org.sanctuarycity.workflow.intake;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.List;
import org.sanctuarycity.workflow.audit.DataAccessLog;
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
 */
@Controller
class RequestPageController {

  private final RequestViews views;

  RequestPageController(RequestViews views) {
    this.views = views;
  }

  @GetMapping(value = "/requests/{reference}", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String page(@PathVariable String reference, Authentication auth) {
    IntakeController.checkReference(reference);
    RequestView v = views.view(reference, auth.getName(), IntakeController.groups(auth), DataAccessLog.Channel.PAGE);
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(e(v.reference())).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"container\">")
        .append("<h1>Request ").append(e(v.reference())).append("</h1>");
    dl(h, "Request", new String[][] {
        {"Status", v.status()}, {"Agency", v.agency()}, {"Request type", v.requestType()}, {"Channel", v.channel()},
        {"Received", str(v.receivedAt())},
        {"Primary purpose (Gov. Code 7284.6(b)(3))", v.primaryPurpose()},
        {"Facility (AB 49 schools, SB 81 health facilities)", v.facilityKind()},
        {"Area of the facility (non-public needs a judicial warrant)", v.facilityArea()},
        {"TRUTH Act access", v.accessCategory()},
        {"Immigration-related", str(v.immigrationRelated())}, {"Notify the person", str(v.notifyPerson())},
        {"Verification due", str(v.verificationDueAt())}, {"Decision due", str(v.decisionDueAt())},
        {"Warrant finding", v.warrantFinding()}, {"Requester verified", str(v.requesterVerified())},
        {"Decision", v.decision()}, {"Legal basis", v.legalBasis()},
        {"Released items", String.join(", ", v.releasedItems())}});
    if (v.responseText() != null) {
      h.append("<h2>Drafted response</h2><pre class=\"response\">").append(e(v.responseText())).append("</pre>");
    }
    RequestView.Personal p = v.personal();
    if (p != null) {
      dl(h, "Requester", new String[][] {{"Name", p.requester().name()}, {"Badge / ID", p.requester().badgeNumber()},
          {"Phone (as given; call back on a number the city already has)", p.requester().phone()},
          {"E-mail", p.requester().email()}});
      dl(h, "Subject", new String[][] {{"Name", p.subject().fullName()}, {"Date of birth", p.subject().dateOfBirth()},
          {"Booking number", p.subject().bookingNumber()}, {"In custody", str(p.subject().inCustody())},
          {"Scheduled release", str(p.subject().scheduledRelease())}});
      h.append("<h2>Summary</h2><p class=\"summary\">").append(e(p.summary())).append("</p>");
      for (RequestView.Document d : p.documents()) {
        dl(h, "Document", new String[][] {{"Form number", d.formNumber()}, {"Issued by", d.issuedBy()},
            {"Signed by", d.signedBy()}, {"Signer's title", d.signerTitle()}, {"Issued on", d.issuedOn()}});
      }
      for (RequestView.Reply r : p.replies()) {
        h.append("<h2>Agency reply of ").append(e(str(r.receivedAt()))).append("</h2><p>").append(e(r.summary()))
            .append("</p>");
      }
    } else {
      h.append("<p>Personal data is not shown to your role.</p>");
    }
    h.append("<h2>Transparency log</h2><table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Time (UTC)</th>")
        .append("<th scope=\"col\">Event</th><th scope=\"col\">Decision</th><th scope=\"col\">Role</th></tr></thead><tbody>");
    List<TransparencyEntry> entries = v.logEntries();
    for (TransparencyEntry t : entries) {
      h.append("<tr><td>").append(t.seq()).append("</td><td>").append(e(t.recordedAt().toString())).append("</td><td>")
          .append(e(t.eventType())).append("</td><td>").append(e(t.decision())).append("</td><td>")
          .append(e(t.actorRole())).append("</td></tr>");
    }
    h.append("</tbody></table></main></body></html>");
    return h.toString();
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

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
