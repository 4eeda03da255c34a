package org.sanctuarycity.workflow.consent;

import org.sanctuarycity.workflow.process.AsUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.ConsentAnswer;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.policy.WarrantFinding;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * TRUTH Act, Gov. Code 7283.1(a): before an ICE interview the person in custody gets the written consent form,
 * and the answer is recorded before the city attorney decides. Driven on the real application context like
 * process.FederalRequestProcessTest (engine authorization on, embedded PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class InterviewConsentProcessTest {

  static final String VERIFY = "UserTask_VerifyWarrant";
  static final String RECORD_VERIFICATION = "ServiceTask_RecordVerification";
  static final String GATEWAY = "Gateway_InterviewConsent";
  static final String CONSENT = "UserTask_InterviewConsent";
  static final String RECORD_CONSENT = "ServiceTask_RecordInterviewConsent";
  static final String LEGAL_REVIEW = "UserTask_LegalReview";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired IntakeService intake;
  @Autowired FederalRequests requests;
  @Autowired TransparencyLog transparencyLog;
  @Autowired InterviewConsents consents;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
    identityService.clearAuthentication();
  }

  @AfterEach
  void clearAuthentication() {
    identityService.clearAuthentication();
  }

  @Test
  void anInterviewRequestWaitsForTheConsentFormBeforeLegalReview() {
    Started req = submit(RequestType.INTERVIEW_REQUEST);
    verify(req);

    assertWaitingFor(req, CONSENT, Groups.POLICE_DESK);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(LEGAL_REVIEW);
    assertThat(taskService.createTaskQuery().processInstanceId(req.id()).taskDefinitionKey(LEGAL_REVIEW).count())
        .as("no legal review before the answer").isZero();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED");
    assertThat(consents.answer(requestId(req))).isEmpty();

    complete(req, answers(ConsentAnswer.GIVEN, "ES"));

    assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);
    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(VERIFY, RECORD_VERIFICATION, GATEWAY, CONSENT,
        RECORD_CONSENT);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "CONSENT_RECORDED");
    assertThat(consents.answer(requestId(req))).contains(ConsentAnswer.GIVEN);
    // Only the answer code stays in the process; the rest is in interview_consent.
    assertThat(runtimeService.getVariable(req.id(), ConsentVariables.INTERVIEW_CONSENT)).isEqualTo("GIVEN");
    assertThat(runtimeService.getVariables(req.id())).doesNotContainKeys(ConsentVariables.CONSENT_LANGUAGE,
        ConsentVariables.CONSENT_GIVEN_AT, ConsentVariables.CONSENT_NOTE);
    InterviewConsent stored = consents.latest(requestId(req)).orElseThrow();
    assertThat(stored.getFormLanguage()).isEqualTo(FormLanguage.ES);
    assertThat(stored.getGivenBy()).isEqualTo("desk");
    assertThat(stored.getGivenAt()).isNotNull();
  }

  @Test
  void aDeclinedConsentIsRecordedAndLogged() {
    Started req = submit(RequestType.INTERVIEW_REQUEST);
    verify(req);
    String note = "Read to him in Tagalog by the desk interpreter; he said no.";
    Map<String, Object> answers = answers(ConsentAnswer.DECLINED, "TL");
    answers.put(ConsentVariables.CONSENT_NOTE, note);
    answers.put(ConsentVariables.CONSENT_GIVEN_AT, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(20)
        .truncatedTo(ChronoUnit.SECONDS).toString());
    complete(req, answers);

    assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);
    assertThat(consents.answer(requestId(req))).contains(ConsentAnswer.DECLINED);
    assertThat(runtimeService.getVariable(req.id(), ConsentVariables.INTERVIEW_CONSENT)).isEqualTo("DECLINED");

    TransparencyEntry logged = entries(req).stream().filter(e -> e.eventType().equals("CONSENT_RECORDED"))
        .findFirst().orElseThrow();
    assertThat(logged.actorRole()).isEqualTo(Groups.POLICE_DESK);
    assertThat(logged.accessCategory()).isEqualTo("INTERVIEW");
    assertThat(logged.requestType()).isEqualTo("INTERVIEW_REQUEST");
    // The public entry says that the form was given, not what the person answered.
    assertThat(logged.decision()).isNull();

    // The note is in the application's table, encrypted; never in the process or its history.
    InterviewConsent stored = consents.latest(requestId(req)).orElseThrow();
    assertThat(stored.getNote()).isEqualTo(note);
    assertThat(stored.getFormLanguage()).isEqualTo(FormLanguage.TL);
    assertThat(stored.getGivenAt()).isBefore(java.time.Instant.now().minusSeconds(15 * 60));
    String column = jdbc.queryForObject("SELECT note FROM interview_consent WHERE request_id = ?", String.class,
        requestId(req));
    assertThat(column).isNotBlank().doesNotContain("Tagalog").doesNotContain("interpreter");
    List<String> history = historyService.createHistoricVariableInstanceQuery().processInstanceId(req.id()).list()
        .stream().map(HistoricVariableInstance::getName).toList();
    assertThat(history).contains(ConsentVariables.INTERVIEW_CONSENT).doesNotContain(ConsentVariables.CONSENT_NOTE,
        ConsentVariables.CONSENT_LANGUAGE, ConsentVariables.CONSENT_GIVEN_AT);
  }

  @Test
  void aConsentAnswerOutsideTheListIsRefusedNamingTheField() {
    Started req = submit(RequestType.INTERVIEW_REQUEST);
    verify(req);
    Task open = assertWaitingFor(req, CONSENT, Groups.POLICE_DESK);

    Map<String, Object> maybe = answers(null, "ES");
    maybe.put(ConsentVariables.INTERVIEW_CONSENT, "MAYBE");
    assertRefused(() -> complete(req, maybe), ConsentVariables.INTERVIEW_CONSENT);
    assertRefused(() -> complete(req, answers(ConsentAnswer.GIVEN, "FR")), ConsentVariables.CONSENT_LANGUAGE);
    Map<String, Object> future = answers(ConsentAnswer.GIVEN, "EN");
    future.put(ConsentVariables.CONSENT_GIVEN_AT, OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString());
    assertRefused(() -> complete(req, future), ConsentVariables.CONSENT_GIVEN_AT);

    // Nothing changed: the same task is open, nothing stored, nothing logged, no answer in the process.
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(CONSENT);
    assertThat(BpmnAwareTests.task(CONSENT, req.instance).getId()).isEqualTo(open.getId());
    assertThat(consents.forRequest(requestId(req))).isEmpty();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED");
    assertThat(runtimeService.getVariable(req.id(), ConsentVariables.INTERVIEW_CONSENT)).isNull();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM interview_consent WHERE request_id = ?", Long.class,
        requestId(req))).isZero();
  }

  @Test
  void aRequestThatIsNotAnInterviewGoesToLegalReviewWithoutTheConsentStep() {
    Started req = submit(RequestType.RECORDS_REQUEST);
    verify(req);

    assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);
    BpmnAwareTests.assertThat(req.instance).hasPassed(GATEWAY).hasNotPassed(CONSENT, RECORD_CONSENT);
    assertThat(runtimeService.getVariable(req.id(), ConsentVariables.INTERVIEW_CONSENT_REQUIRED)).isEqualTo(false);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED");
    assertThat(consents.answer(requestId(req))).isEmpty();
  }

  @Test
  void theAnswerOfARequestWithoutAConsentFormIsEmpty() {
    assertThat(consents.answer(java.util.UUID.randomUUID())).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  record Started(String reference, ProcessInstance instance) {
    String id() {
      return instance.getId();
    }
  }

  private Started submit(RequestType type) {
    NewRequest input = new NewRequest(Agency.ICE_ERO, type, Channel.IN_PERSON,
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS),
        new NewRequest.Requester("Officer Test", "B-1234", "+1 (213) 555-0100", "officer@example.gov"),
        new NewRequest.Subject("Test Person", LocalDate.of(1990, 1, 1), "BK-42", true, null),
        List.of(), "ICE asks to interview the person held at the city jail.");
    IntakeService.Submission submission = as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null));
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(submission.processInstanceId()).singleResult();
    return new Started(submission.reference(), instance);
  }

  private void verify(Started req) {
    Map<String, Object> v = new HashMap<>();
    v.put("issuingBody", "NONE");
    v.put("signer", "NONE");
    v.put("formNumberCheck", "NONE");
    v.put("legalBasisCheck", "NONE");
    v.put("particularityOk", false);
    v.put("notExpired", false);
    v.put("federalCriminalLaw", false);
    v.put("callbackDone", true);
    v.put("warrantFinding", WarrantFinding.NONE.name());
    v.put("requesterVerified", true);
    Task task = BpmnAwareTests.task(VERIFY, req.instance);
    as("verifier", Groups.WARRANT_VERIFIERS, () -> {
      taskService.complete(task.getId(), v);
      return null;
    });
  }

  static Map<String, Object> answers(ConsentAnswer answer, String language) {
    Map<String, Object> v = new HashMap<>();
    if (answer != null) {
      v.put(ConsentVariables.INTERVIEW_CONSENT, answer.name());
    }
    v.put(ConsentVariables.CONSENT_LANGUAGE, language);
    return v;
  }

  private void complete(Started req, Map<String, Object> answers) {
    Task task = BpmnAwareTests.task(CONSENT, req.instance);
    assertThat(task).as("open consent task").isNotNull();
    as("desk", Groups.POLICE_DESK, () -> {
      taskService.complete(task.getId(), answers);
      return null;
    });
  }

  private <T> T as(String user, String group, Supplier<T> action) {
    return AsUser.run(identityService, user, group, action);
  }

  private Task assertWaitingFor(Started req, String taskKey, String candidateGroup) {
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(taskKey);
    Task task = BpmnAwareTests.task(taskKey, req.instance);
    BpmnAwareTests.assertThat(task).hasDefinitionKey(taskKey).isNotAssigned().hasCandidateGroup(candidateGroup);
    return task;
  }

  private static void assertRefused(Runnable action, String field) {
    assertThatThrownBy(action::run)
        .isInstanceOf(ProcessEngineException.class)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getProblems())
            .extracting(FieldProblem::field).containsExactly(field));
  }

  private java.util.UUID requestId(Started req) {
    FederalRequest request = requests.requireByReference(req.reference());
    return request.getId();
  }

  private List<TransparencyEntry> entries(Started req) {
    return transparencyLog.forReference(req.reference());
  }

  private List<String> events(Started req) {
    return entries(req).stream().map(TransparencyEntry::eventType).toList();
  }
}
