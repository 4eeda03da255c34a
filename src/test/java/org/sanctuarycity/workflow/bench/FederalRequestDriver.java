package org.sanctuarycity.workflow.bench;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sanctuarycity.workflow.api.FederalRequestApiIT;

/**
 * Drives one federal request the way its users do (see FederalRequestApiIT): the desk posts it, the
 * verifier, the attorney and the desk each look up their open task and complete it, until CLOSED.
 */
final class FederalRequestDriver {

  private FederalRequestDriver() {}

  static Map<String, Object> newRequest(String tag) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agency", "ICE_ERO");
    body.put("requestType", "DETAINER");
    body.put("channel", "FAX");
    body.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    body.put("requester", Map.of("name", "Agent Bench", "badgeNumber", "B-1", "phone", "+1 213 555 0100"));
    body.put("subject", Map.of("fullName", "Bench Subject " + tag, "dateOfBirth", "1980-02-03", "inCustody", true));
    body.put("documents", List.of(Map.of("formNumber", "I-247A", "issuedBy", "DHS ICE Los Angeles",
        "signedBy", "Officer Example", "signerTitle", "Immigration Officer", "issuedOn", "2026-01-05")));
    body.put("summary", "Benchmark request " + tag);
    return body;
  }

  /** POST /api/requests as the desk; returns the reference. */
  static String submit(BenchHttp http) {
    String key = UUID.randomUUID().toString();
    return BenchHttp.timed("POST /api/requests (desk)", () -> BenchHttp.expect(http.post("desk", "/api/requests",
        newRequest(key.substring(0, 8)), Map.of("Idempotency-Key", key)), 201)).json().get("reference").asText();
  }

  /** The verifier's answers for the administrative detainer every benchmark request carries. */
  static Map<String, Object> verificationChecks() {
    return FederalRequestApiIT.administrativeDetainerChecks("Called back the field office.");
  }

  /** One complete request: intake, verification, legal review (DECLINE), response, notification. */
  static String runToClosed(BenchHttp http) {
    String reference = submit(http);
    workToClosed(http, reference);
    return reference;
  }

  /**
   * The four user tasks of a submitted request, each looked up and completed as its user, until CLOSED. Separate
   * from the intake so that the soak can post requests at a steady rate and have other clients work them.
   */
  static void workToClosed(BenchHttp http, String reference) {
    http.complete("verifier", http.openTaskId("verifier", reference), verificationChecks());
    http.complete("attorney", http.openTaskId("attorney", reference), Map.of("decision", "DECLINE",
        "legalBasis", "SB54_7284_6_A1B", "pii_rationale", "Holds on detainers are prohibited."));
    http.complete("desk", http.openTaskId("desk", reference), Map.of("responseMethod", "FAX"));
    http.complete("desk", http.openTaskId("desk", reference),
        Map.of("notificationMethod", "IN_PERSON", "copyGiven", true));
  }
}
