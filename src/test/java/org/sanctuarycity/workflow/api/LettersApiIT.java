package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The desk prints the response to the agency and the notice to the person (English and Spanish) for a detainer the
 * city answers in part, and reads back with the same PDF library the reference, the basis and the items released,
 * in words; the person's name is never printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LettersApiIT {

  @LocalServerPort int port;

  @Test
  void theDeskPrintsTheResponseLetterAndThePersonsNoticeInEnglishAndSpanish() throws IOException {
    HttpApi api = new HttpApi(port);
    String name = "Letter Subject-" + UUID.randomUUID().toString().substring(0, 6);
    HttpApi.Answer created = api.post("desk", "/api/requests", FederalRequestApiIT.request(name, "1983-03-14", true,
        "DETAINER"), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    assertThat(pdf("desk", reference, "response-letter.pdf").statusCode()).as("nothing decided yet").isEqualTo(409);
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(),
        FederalRequestApiIT.administrativeDetainerChecks("Called the field office back.")).status()).isEqualTo(204);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("decision", Map.of("value", "COMPLY_LIMITED"));
    vars.put("legalBasis", Map.of("value", "PUBLIC_INFORMATION"));
    vars.put("releasedItems", Map.of("value", "[\"CUSTODY_STATUS\",\"RELEASE_DATE_PUBLIC\"]", "type", "Json"));
    vars.put("trustCriterion", Map.of("value", "NOT_ASSESSED"));
    vars.put("pii_rationale", Map.of("value", "Only what the public jail roster already shows."));
    JsonNode review = api.openTask("attorney", reference);
    HttpApi.Answer decided = api.post("attorney", "/engine-rest/task/" + review.get("id").asText() + "/submit-form",
        Map.of("variables", vars));
    assertThat(decided.status()).as(decided.body()).isEqualTo(204);

    HttpResponse<byte[]> letter = pdf("desk", reference, "response-letter.pdf");
    assertThat(letter.statusCode()).isEqualTo(200);
    assertThat(letter.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(text(letter.body())).contains("City of Huntington Park", "Office of the City Attorney",
        "Response to a federal request", reference,
        "U.S. Immigration and Customs Enforcement, Enforcement and Removal Operations",
        "The city will comply in part", "(PUBLIC_INFORMATION)",
        "Released: custody status (public jail roster); the release date, as already public.")
        .doesNotContain(name);

    String english = text(pdf("desk", reference, "person-notice.pdf?lang=EN").body());
    assertThat(english).contains("Notice about a request from federal immigration authorities", reference,
        "Government Code 7283.1(b)", "custody status (public jail roster)", "Ordinance No. 2025-06")
        .doesNotContain(name);
    String spanish = text(pdf("desk", reference, "person-notice.pdf?lang=ES").body());
    assertThat(spanish).contains("Aviso sobre una solicitud", reference, "La ciudad cumplirá en parte",
        "la fecha de liberación, ya pública", "Código de Gobierno 7283.1(b)").doesNotContain(name);

    HttpResponse<byte[]> unknown = pdf("desk", reference, "person-notice.pdf?lang=XX");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("lang");
    assertThat(pdf("verifier", reference, "response-letter.pdf").statusCode()).isEqualTo(403);
    assertThat(pdf(null, reference, "person-notice.pdf").statusCode()).isEqualTo(401);
  }

  /** The text as PDFBox reads it, lines joined with spaces, so wrapped sentences can be matched whole. */
  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  private HttpResponse<byte[]> pdf(String user, String reference, String letter) {
    return new HttpApi(port).getBytes(user, "/api/requests/" + reference + "/" + letter);
  }

}
