package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.consent.ConsentForms;
import org.sanctuarycity.workflow.consent.FormLanguage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * TRUTH Act, Gov. Code 7283.1(a), over HTTP with the demo users: the desk prints the consent form in the
 * person's language, records the answer through the engine's REST API, and only then does the city attorney
 * get the legal review. A refused answer is a 400 naming the field and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InterviewConsentApiIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConsentForms forms;

  static Map<String, Object> interviewRequest(String subjectName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agency", "ICE_ERO");
    body.put("requestType", "INTERVIEW_REQUEST");
    body.put("channel", "PHONE");
    body.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    body.put("requester", Map.of("name", "Agent Requester", "badgeNumber", "B-991", "phone", "+1 213 555 0100"));
    body.put("subject", Map.of("fullName", subjectName, "dateOfBirth", "1979-08-02", "bookingNumber", "HP-2026-5120",
        "inCustody", true));
    body.put("documents", List.of());
    body.put("summary", "ICE asks to interview a person held at the city jail.");
    return body;
  }

  static Map<String, Object> noDocumentChecks() {
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("issuingBody", "NONE");
    checks.put("signer", "NONE");
    checks.put("formNumberCheck", "NONE");
    checks.put("legalBasisCheck", "NONE");
    checks.put("callbackDone", true);
    checks.put("warrantFinding", "NONE");
    checks.put("requesterVerified", true);
    return checks;
  }

  @Test
  void theDeskPrintsTheFormInThePersonsLanguageAndRecordsTheAnswerBeforeLegalReview() throws IOException {
    HttpApi api = new HttpApi(port);
    String name = "Bao Tran-" + UUID.randomUUID().toString().substring(0, 6);
    HttpApi.Answer created = api.post("desk", "/api/requests", interviewRequest(name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    JsonNode verify = api.openTask("verifier", reference);
    assertThat(api.complete("verifier", verify.get("id").asText(), noDocumentChecks()).status()).isEqualTo(204);

    JsonNode consent = api.openTask("desk", reference);
    assertThat(consent.get("taskDefinitionKey").asText()).isEqualTo("UserTask_InterviewConsent");
    assertThat(api.get("attorney", "/engine-rest/task?processInstanceBusinessKey=" + reference + "&maxResults=10").json())
        .as("no legal review before the answer").isEmpty();

    // The form, in Vietnamese: the configured wording, the reference, and not the person's name.
    HttpResponse<byte[]> pdf = pdf("desk", reference, "VI");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
      assertThat(text).contains(forms.form(FormLanguage.VI).get("voluntary").replaceAll("\\s+", ""))
          .contains(reference).doesNotContain(name.replaceAll("\\s+", ""));
    }
    assertThat(pdf("desk", reference, "XX").statusCode()).isEqualTo(400);
    assertThat(new String(pdf("desk", reference, "XX").body(), StandardCharsets.UTF_8)).contains("lang");
    assertThat(pdf("officer", reference, "VI").statusCode()).isEqualTo(403);
    assertThat(pdf("auditor", reference, "VI").statusCode()).isEqualTo(403);
    assertThat(pdf(null, reference, "VI").statusCode()).isEqualTo(401);

    // An answer outside the list: 400 naming the field, the task stays open, nothing stored.
    HttpApi.Answer refused = api.complete("desk", consent.get("id").asText(),
        Map.of("interviewConsent", "PROBABLY", "consentLanguage", "VI"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.body()).contains("interviewConsent");
    assertThat(api.openTask("desk", reference).get("id").asText()).isEqualTo(consent.get("id").asText());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM interview_consent c JOIN federal_request r"
        + " ON r.id = c.request_id WHERE r.reference = ?", Long.class, reference)).isZero();

    assertThat(api.complete("desk", consent.get("id").asText(), Map.of("interviewConsent", "ONLY_WITH_ATTORNEY",
        "consentLanguage", "VI", "pii_consentNote", "Asked for her attorney, " + name)).status()).isEqualTo(204);

    JsonNode review = api.openTask("attorney", reference);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("UserTask_LegalReview");
    JsonNode view = api.get("attorney", "/api/requests/" + reference).json();
    List<String> events = new ArrayList<>();
    view.get("logEntries").forEach(e -> events.add(e.get("eventType").asText()));
    assertThat(events).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "CONSENT_RECORDED");
    assertThat(jdbc.queryForList("SELECT c.answer, c.form_language, c.given_by FROM interview_consent c"
        + " JOIN federal_request r ON r.id = c.request_id WHERE r.reference = ?", reference)).singleElement()
        .satisfies(row -> {
          assertThat(row.get("answer")).isEqualTo("ONLY_WITH_ATTORNEY");
          assertThat(row.get("form_language")).isEqualTo("VI");
          assertThat(row.get("given_by")).isEqualTo("desk");
        });
    // The public log says a form was given, never the person's name or note.
    String publicLog = api.get(null, "/api/transparency/entries?reference=" + reference).body();
    assertThat(publicLog).contains("CONSENT_RECORDED").doesNotContain(name).doesNotContain("attorney,");
  }

  @Test
  void aRequestThatIsNotAnInterviewHasNoConsentForm() {
    HttpApi api = new HttpApi(port);
    Map<String, Object> body = interviewRequest("Not Interviewed");
    body.put("requestType", "RECORDS_REQUEST");
    body.put("subject", Map.of("fullName", "Not Interviewed", "inCustody", false));
    HttpApi.Answer created = api.post("desk", "/api/requests", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(pdf("desk", created.json().get("reference").asText(), "EN").statusCode()).isEqualTo(409);
  }

  private HttpResponse<byte[]> pdf(String user, String reference, String lang) {
    return new HttpApi(port).getBytes(user, "/api/requests/" + reference + "/interview-consent-form.pdf?lang=" + lang);
  }

}
