package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every process action through /engine-rest, for every demo user and for no login: start federal-request,
 * see, claim and complete each of its user tasks, deploy, read history. The expected table is written out
 * below; every cell is tried and every mismatch is collected before the single assertion.
 *
 * <p>"Complete" is tried by everyone with no answers: a user the engine lets through is then stopped by the
 * form's own validation (a 4xx/5xx other than 401/403/404, the task still open), a user it refuses gets 403.
 * The task's real owner then completes it with valid answers so the request moves on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProcessActionMatrixIT {

  static final List<String> USERS = List.of("desk", "verifier", "attorney", "supervisor", "officer", "auditor", "admin");

  static final String VERIFY = "UserTask_VerifyWarrant";
  static final String LEGAL_REVIEW = "UserTask_LegalReview";
  /** The legal review after its decision timer fired (BoundaryEvent_LegalReviewOverdue). */
  static final String LEGAL_REVIEW_OVERDUE = "UserTask_LegalReview(overdue)";
  static final String SEND = "UserTask_SendResponse";
  static final String NOTIFY = "UserTask_NotifyPerson";
  static final String CONSENT = "UserTask_InterviewConsent";

  /**
   * Who may do what (no login: 401 for everything). city-attorney-supervisors get the legal review only when it
   * is overdue (EscalateLegalReviewDelegate adds them); a fresh review is the city attorney's alone. The review
   * is tried both before and after its timer fires. Officers may start federal-request (a contact report
   * turns into one) but work none of its tasks.
   */
  static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("start", Set.of("desk", "officer", "admin"));
    EXPECTED.put("deploy", Set.of("admin"));
    EXPECTED.put("history", Set.of("auditor", "admin"));
    EXPECTED.put(VERIFY, Set.of("verifier", "admin"));
    EXPECTED.put(LEGAL_REVIEW, Set.of("attorney", "admin"));
    EXPECTED.put(LEGAL_REVIEW_OVERDUE, Set.of("attorney", "supervisor", "admin"));
    EXPECTED.put(SEND, Set.of("desk", "admin"));
    EXPECTED.put(NOTIFY, Set.of("desk", "admin"));
    EXPECTED.put(CONSENT, Set.of("desk", "admin"));
  }

  @LocalServerPort int port;

  HttpApi api;
  final List<String> wrong = new ArrayList<>();

  static boolean refused(int status) {
    return status == 401 || status == 403 || status == 404;
  }

  void check(String action, String user, boolean allowed, HttpApi.Answer a) {
    boolean expected = user != null && EXPECTED.get(action.split(" ")[0]).contains(user);
    if (user == null && a.status() != 401) {
      wrong.add(action + " as anonymous -> " + a.status() + " (expected 401)");
    } else if (expected != allowed) {
      wrong.add(action + " as " + (user == null ? "anonymous" : user) + " -> " + a.status()
          + (expected ? " (expected allowed)" : " (expected refused)") + " " + abbreviate(a.body()));
    }
  }

  static String abbreviate(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  static List<String> callers() {
    List<String> callers = new ArrayList<>(USERS);
    callers.add(null);
    return callers;
  }

  @Test
  void everyProcessActionAnswersEachRoleAsSpecified() {
    api = new HttpApi(port);
    HttpApi.Answer created = api.post("desk", "/api/requests",
        FederalRequestApiIT.request("Matrix Subject", "1980-02-02", true, "DETAINER"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();

    probeStart();
    probeDeploy();
    probeHistory(reference);

    Map<String, Object> checks = FederalRequestApiIT.administrativeDetainerChecks("Called back.");
    probeTask(reference, VERIFY, VERIFY, "verifier", checks);
    probe(reference, LEGAL_REVIEW, LEGAL_REVIEW);
    fireLegalReviewTimer(reference);
    probeTask(reference, LEGAL_REVIEW, LEGAL_REVIEW_OVERDUE, "attorney", Map.of("decision", "DECLINE",
        "legalBasis", "SB54_7284_6_A1B", "pii_rationale", "Holds on detainers are prohibited."));
    probeTask(reference, SEND, SEND, "desk", Map.of("responseMethod", "FAX"));
    probeTask(reference, NOTIFY, NOTIFY, "desk", Map.of("notificationMethod", "IN_PERSON", "copyGiven", true));

    assertThat(api.get("desk", "/api/requests/" + reference).json().get("status").asText()).isEqualTo("CLOSED");
    probeHistory(reference);

    assertThat(wrong).isEmpty();
  }

  @Test
  void theInterviewConsentTaskAnswersEachRoleAsSpecified() {
    api = new HttpApi(port);
    HttpApi.Answer created = api.post("desk", "/api/requests", InterviewConsentApiIT.interviewRequest("Matrix Consent"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    String verify = api.openTask("verifier", reference).get("id").asText();
    assertThat(api.complete("verifier", verify, InterviewConsentApiIT.noDocumentChecks()).status()).isEqualTo(204);

    probeTask(reference, CONSENT, CONSENT, "desk", Map.of("interviewConsent", "DECLINED", "consentLanguage", "KO"));
    assertThat(api.openTask("attorney", reference).get("taskDefinitionKey").asText()).isEqualTo(LEGAL_REVIEW);
    assertThat(wrong).isEmpty();
  }

  String tasksUrl(String reference) {
    return "/engine-rest/task?processInstanceBusinessKey=" + reference + "&maxResults=10";
  }

  void probeTask(String reference, String taskKey, String action, String owner, Map<String, Object> answers) {
    String id = probe(reference, taskKey, action);
    HttpApi.Answer done = api.complete(owner, id, answers);
    assertThat(done.status()).as(taskKey + " by " + owner + ": " + done.body()).isEqualTo(204);
  }

  /** The decision deadline passes: the overdue timer adds city-attorney-supervisors to the open review. */
  void fireLegalReviewTimer(String reference) {
    String instance = api.openTask("admin", reference).get("processInstanceId").asText();
    JsonNode jobs = api.get("admin", "/engine-rest/job?timers=true&activityId=BoundaryEvent_LegalReviewOverdue"
        + "&maxResults=10&processInstanceId=" + instance).json();
    assertThat(jobs).as(jobs.toString()).hasSize(1);
    HttpApi.Answer fired = api.post("admin", "/engine-rest/job/" + jobs.get(0).get("id").asText() + "/execute", Map.of());
    assertThat(fired.status()).as(fired.body()).isEqualTo(204);
  }

  /** Tries see, claim and complete (with no answers) for every caller; returns the open task's id. */
  String probe(String reference, String taskKey, String action) {
    JsonNode task = api.openTask("admin", reference);
    assertThat(task.get("taskDefinitionKey").asText()).isEqualTo(taskKey);
    String id = task.get("id").asText();
    for (String user : callers()) {
      // See it.
      HttpApi.Answer seen = api.get(user, tasksUrl(reference));
      boolean sees = seen.status() == 200 && seen.body().contains(id);
      check(action + " see", user, sees, seen);
      // Claim it, then give it back so the owner can still work it.
      HttpApi.Answer claim = api.post(user, "/engine-rest/task/" + id + "/claim", user == null ? Map.of()
          : Map.of("userId", user));
      check(action + " claim", user, !refused(claim.status()), claim);
      if (claim.status() == 204) {
        assertThat(api.post("admin", "/engine-rest/task/" + id + "/unclaim", Map.of()).status()).isEqualTo(204);
      }
      // Complete it with no answers: authorization decides first, then the form's validation.
      HttpApi.Answer complete = api.complete(user, id, Map.of());
      check(action + " complete", user, !refused(complete.status()), complete);
      if (complete.status() / 100 == 2) {
        wrong.add(taskKey + " completed with no answers by " + user + " -> " + complete.status());
        throw new AssertionError(String.join("\n", wrong));
      }
    }
    assertThat(api.get("admin", "/engine-rest/task/" + id).json().path("assignee").isNull()).isTrue();
    return id;
  }

  void probeStart() {
    for (String user : callers()) {
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("agency", "ICE_ERO");
      vars.put("requestType", "RECORDS_REQUEST");
      vars.put("channel", "FAX");
      vars.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
      vars.put("pii_requesterName", "Agent Matrix");
      vars.put("pii_summary", "Asks for records (matrix start as " + user + ").");
      vars.put("subjectInCustody", false);
      Map<String, Object> typed = new LinkedHashMap<>();
      vars.forEach((k, v) -> typed.put(k, Map.of("value", v)));
      HttpApi.Answer a = api.post(user, "/engine-rest/process-definition/key/federal-request/start",
          Map.of("variables", typed));
      check("start", user, a.status() == 200, a);
      if (a.status() != 200 && !refused(a.status())) {
        wrong.add("start as " + user + " neither started nor refused: " + a.status() + " " + abbreviate(a.body()));
      }
    }
  }

  static byte[] probeBpmn() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_MatrixProbe"
            targetNamespace="http://sanctuarycity.org/test">
          <bpmn:process id="matrix-probe" name="Matrix probe" isExecutable="true" camunda:historyTimeToLive="30">
            <bpmn:startEvent id="StartEvent_Probe" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Probe" targetRef="UserTask_Probe" />
            <bpmn:userTask id="UserTask_Probe" name="Probe" camunda:candidateGroups="auditors" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="UserTask_Probe" targetRef="EndEvent_Probe" />
            <bpmn:endEvent id="EndEvent_Probe" />
          </bpmn:process>
        </bpmn:definitions>
        """.getBytes(StandardCharsets.UTF_8);
  }

  void probeDeploy() {
    for (String user : callers()) {
      HttpApi.Answer a = api.deploy(user, Map.of("matrix-probe.bpmn", probeBpmn()));
      check("deploy", user, a.status() == 200, a);
      if (a.status() != 200 && !refused(a.status())) {
        wrong.add("deploy as " + user + " neither deployed nor refused: " + a.status() + " " + abbreviate(a.body()));
      }
    }
  }

  void probeHistory(String reference) {
    for (String user : callers()) {
      HttpApi.Answer a = api.get(user,
          "/engine-rest/history/process-instance?processInstanceBusinessKey=" + reference + "&maxResults=10");
      check("history", user, a.status() == 200 && a.body().contains(reference), a);
    }
  }
}
