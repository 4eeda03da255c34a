package org.sanctuarycity.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.intake.ReplyService;
import org.sanctuarycity.workflow.intake.RequestStatus;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.ReleasableItem;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.policy.WarrantFinding;
import org.sanctuarycity.workflow.response.ResponseGate;
import org.sanctuarycity.workflow.review.DecisionAmendments;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;


/**
 * Drives the federal-request process through every path on the real application context (engine
 * authorization on, embedded PostgreSQL, job executor off): every step, the tasks' candidate groups,
 * and the transparency entries each path must leave, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class FederalRequestProcessTest {


  static final String START = "StartEvent_RequestReceived";
  static final String REGISTER = "ServiceTask_RegisterRequest";
  static final String CLASSIFY = "BusinessRuleTask_ClassifyRequest";
  static final String VERIFY = "UserTask_VerifyWarrant";
  static final String RECORD_VERIFICATION = "ServiceTask_RecordVerification";
  static final String LEGAL_REVIEW = "UserTask_LegalReview";
  static final String OVERDUE = "BoundaryEvent_LegalReviewOverdue";
  static final String ESCALATE = "ServiceTask_EscalateLegalReview";
  static final String ESCALATED_END = "EndEvent_Escalated";
  static final String LOG_DECISION = "ServiceTask_LogDecision";
  static final String AWAIT_REPLY = "Gateway_AwaitReply";
  static final String AGENCY_REPLY = "CatchEvent_AgencyReply";
  static final String REPLY_DEADLINE = "CatchEvent_ReplyDeadline";
  static final String RECORD_REPLY = "ServiceTask_RecordReply";
  static final String DECLINE_NO_REPLY = "ServiceTask_DeclineForNoReply";
  static final String DRAFT = "ServiceTask_DraftResponse";
  static final String SEND = "UserTask_SendResponse";
  static final String RECORD_RESPONSE = "ServiceTask_RecordResponse";
  static final String NOTIFY = "UserTask_NotifyPerson";
  static final String RECORD_NOTIFICATION = "ServiceTask_RecordNotification";
  static final String CLOSE = "ServiceTask_CloseRequest";
  static final String END = "EndEvent_RequestClosed";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired IntakeService intake;
  @Autowired ReplyService replies;
  @Autowired FederalRequests requests;
  @Autowired TransparencyLog transparencyLog;
  @Autowired ResponseGate responseGate;
  @Autowired JdbcTemplate jdbc;
  @Autowired DecisionAmendments amendments;
  @Autowired FormService formService;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
    identityService.clearAuthentication();
  }

  @AfterEach
  void clearAuthentication() {
    identityService.clearAuthentication();
  }

  // ---------------------------------------------------------------- paths

  @Test
  void administrativeWarrantIsDeclinedAndLogged() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    assertWaitingFor(req, VERIFY, Groups.WARRANT_VERIFIERS);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED");

    verify(req, administrativeFinding());
    assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);

    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1E", null));
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    assertThat(request(req).getResponseText()).contains("declines this request").contains("SB54_7284_6_A1E");

    respond(req);

    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(START, REGISTER, CLASSIFY, VERIFY, RECORD_VERIFICATION,
        LEGAL_REVIEW, LOG_DECISION, DRAFT, SEND, RECORD_RESPONSE, CLOSE, END);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(NOTIFY, AWAIT_REPLY, ESCALATE);
    BpmnAwareTests.assertThat(req.instance).isEnded();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "RESPONDED",
        "CLOSED");
    TransparencyEntry decided = entry(req, "DECIDED");
    assertThat(decided.decision()).isEqualTo("DECLINE");
    assertThat(decided.legalBasis()).isEqualTo("SB54_7284_6_A1E");
    assertThat(decided.actorRole()).isEqualTo(Groups.CITY_ATTORNEY);
    assertThat(entry(req, "WARRANT_VERIFIED").actorRole()).isEqualTo(Groups.WARRANT_VERIFIERS);
    assertThat(entry(req, "RESPONDED").actorRole()).isEqualTo(Groups.POLICE_DESK);
    FederalRequest stored = request(req);
    assertThat(stored.getStatus()).isEqualTo(RequestStatus.CLOSED);
    assertThat(stored.getWarrantFinding()).isEqualTo(WarrantFinding.ADMINISTRATIVE);
    assertThat(stored.getResponseMethod()).isEqualTo("EMAIL");
    // The rationale is personal text: it never stays in the process or reaches its history.
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(req.id())
        .variableName("pii_rationale").count()).isZero();
  }

  @Test
  void validJudicialWarrantIsCompliedWith() {
    Started req = submit(RequestType.JUDICIAL_WARRANT, Agency.ICE_HSI, false, courtWarrant());
    verify(req, judicialValidFinding());
    assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);

    decide(req, decision(Decision.COMPLY, "JUDICIAL_WARRANT",
        List.of(ReleasableItem.BOOKING_RECORD.name(), ReleasableItem.DOCUMENTS_NAMED_IN_ORDER.name())));
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    FederalRequest drafted = request(req);
    assertThat(drafted.getDecision()).isEqualTo(Decision.COMPLY);
    assertThat(drafted.getReleasedItems()).isEqualTo("BOOKING_RECORD,DOCUMENTS_NAMED_IN_ORDER");
    assertThat(drafted.getResponseText()).contains("will comply within the scope of the order")
        .contains("Only these items are released: BOOKING_RECORD, DOCUMENTS_NAMED_IN_ORDER.");

    respond(req);

    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(VERIFY, RECORD_VERIFICATION, LEGAL_REVIEW, LOG_DECISION,
        DRAFT, SEND, RECORD_RESPONSE, CLOSE, END);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(NOTIFY);
    BpmnAwareTests.assertThat(req.instance).isEnded();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "RESPONDED",
        "CLOSED");
    TransparencyEntry decided = entry(req, "DECIDED");
    assertThat(decided.decision()).isEqualTo("COMPLY");
    assertThat(decided.legalBasis()).isEqualTo("JUDICIAL_WARRANT");
    assertThat(request(req).getWarrantFinding()).isEqualTo(WarrantFinding.JUDICIAL_VALID);
  }

  @Test
  void limitedComplianceReleasesOnlyListedItems() {
    Started req = submit(RequestType.RELEASE_NOTIFICATION, Agency.ICE_ERO, false, List.of());
    verify(req, noDocumentFinding());

    // Comma-separated text, as a plain form field would send it; 7282.5 is cited with the criterion that applies.
    Map<String, Object> limited = decision(Decision.COMPLY_LIMITED, "GOV_7282_5", "RELEASE_DATE_PUBLIC, CUSTODY_STATUS");
    limited.put("trustCriterion", "SERIOUS_OR_VIOLENT_FELONY_CONVICTION");
    decide(req, limited);
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);

    FederalRequest drafted = request(req);
    assertThat(drafted.getReleasedItems()).isEqualTo("RELEASE_DATE_PUBLIC,CUSTODY_STATUS");
    String text = drafted.getResponseText();
    assertThat(text).contains("will comply in part")
        .contains("Only these items are released: RELEASE_DATE_PUBLIC, CUSTODY_STATUS. Nothing else is released.");
    for (ReleasableItem item : ReleasableItem.values()) {
      if (item != ReleasableItem.RELEASE_DATE_PUBLIC && item != ReleasableItem.CUSTODY_STATUS) {
        assertThat(text).as("draft must not mention %s", item).doesNotContain(item.name());
      }
    }

    respond(req);
    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(LOG_DECISION, DRAFT, SEND, RECORD_RESPONSE, CLOSE, END);
    BpmnAwareTests.assertThat(req.instance).isEnded();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "RESPONDED",
        "CLOSED");
    assertThat(entry(req, "DECIDED").decision()).isEqualTo("COMPLY_LIMITED");
    assertThat(entry(req, "CLOSED").legalBasis()).isEqualTo("GOV_7282_5");
  }

  @Test
  void requestInfoWaitsForTheAgencyReplyAndReturnsToVerification() {
    Started req = submit(RequestType.JUDICIAL_WARRANT, Agency.ICE_HSI, false, courtWarrant());
    verify(req, judicialInvalidFinding());
    decide(req, decision(Decision.REQUEST_INFO, "ORDINANCE_2025_06", null));

    BpmnAwareTests.assertThat(req.instance).isWaitingAt(AWAIT_REPLY);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(DRAFT);
    assertThat(taskService.createTaskQuery().processInstanceId(req.id()).count()).isZero();
    assertThat(request(req).getStatus()).isEqualTo(RequestStatus.AWAITING_AGENCY_REPLY);
    assertThat(replyDeadlineJob(req)).isNotNull();
    assertThat(entry(req, "DECIDED").decision()).isEqualTo("REQUEST_INFO");

    // As POST .../replies calls it: the desk is logged in to Spring Security and is the engine's current user.
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("desk",
        null, List.of(new SimpleGrantedAuthority(Groups.POLICE_DESK))));
    try {
      as("desk", Groups.POLICE_DESK, () -> replies.submit(req.reference(), new ReplyService.NewReply(
          OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5), "Agency sent the signed order."), "desk"));
    } finally {
      SecurityContextHolder.clearContext();
    }

    assertWaitingFor(req, VERIFY, Groups.WARRANT_VERIFIERS);
    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(LOG_DECISION, AWAIT_REPLY, AGENCY_REPLY, RECORD_REPLY);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(REPLY_DEADLINE, DECLINE_NO_REPLY);
    assertThat(replyDeadlineJob(req)).as("the reply deadline is cancelled by the reply").isNull();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED",
        "REPLY_RECEIVED");
    assertThat(request(req).getStatus()).isEqualTo(RequestStatus.IN_VERIFICATION);
    assertThat(entry(req, "REPLY_RECEIVED").actorRole()).isEqualTo(Groups.POLICE_DESK);
    assertThat(replies.forRequest(request(req).getId())).hasSize(1);

    // The second round ends the request; the response rests on the final decision, not the REQUEST_INFO.
    verify(req, judicialValidFinding());
    decide(req, decision(Decision.COMPLY, "JUDICIAL_WARRANT", List.of("DOCUMENTS_NAMED_IN_ORDER")));
    respond(req);
    BpmnAwareTests.assertThat(req.instance).isEnded();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED",
        "REPLY_RECEIVED", "WARRANT_VERIFIED", "DECIDED", "RESPONDED", "CLOSED");
    assertThat(decisionsLogged(req)).containsExactly("REQUEST_INFO", "COMPLY");
  }

  @Test
  void requestInfoTimesOutAndIsDeclinedForLackOfAuthority() {
    Started req = submit(RequestType.ADMINISTRATIVE_SUBPOENA, Agency.ICE_HSI, false, i200());
    verify(req, administrativeFinding());
    Instant decidedAround = Instant.now();
    decide(req, decision(Decision.REQUEST_INFO, "ORDINANCE_2025_06", null));
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(AWAIT_REPLY);

    Job deadline = replyDeadlineJob(req);
    assertThat(deadline).isNotNull();
    // app.policy.reply-wait-hours (240) from the moment of the decision.
    assertThat(deadline.getDuedate().toInstant())
        .isBetween(decidedAround.plus(Duration.ofHours(240)).minusSeconds(60),
            decidedAround.plus(Duration.ofHours(240)).plusSeconds(60));

    BpmnAwareTests.execute(deadline);

    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(LOG_DECISION, AWAIT_REPLY, REPLY_DEADLINE,
        DECLINE_NO_REPLY, DRAFT);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(AGENCY_REPLY, RECORD_REPLY);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "DECIDED");
    TransparencyEntry decline = entries(req).get(4);
    assertThat(decline.decision()).isEqualTo("DECLINE");
    assertThat(decline.legalBasis()).isEqualTo("NO_REPLY_NO_AUTHORITY");
    assertThat(decline.actorRole()).isEqualTo(Groups.SYSTEM);
    FederalRequest drafted = request(req);
    assertThat(drafted.getDecision()).isEqualTo(Decision.DECLINE);
    assertThat(drafted.getLegalBasis()).isEqualTo("NO_REPLY_NO_AUTHORITY");
    assertThat(drafted.getResponseText()).contains("declines this request").contains("NO_REPLY_NO_AUTHORITY");

    respond(req);
    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(DECLINE_NO_REPLY, SEND, RECORD_RESPONSE, CLOSE, END);
    BpmnAwareTests.assertThat(req.instance).isEnded();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "DECIDED",
        "RESPONDED", "CLOSED");
    assertThat(entry(req, "CLOSED").legalBasis()).isEqualTo("NO_REPLY_NO_AUTHORITY");
  }

  @Test
  void overdueLegalReviewIsEscalatedToSupervisorsAndKeepsTheTask() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    Task review = assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);
    assertThat(candidateGroups(review)).containsExactly(Groups.CITY_ATTORNEY);

    Job overdue = BpmnAwareTests.job(OVERDUE, req.instance);
    // The timer fires at the decision deadline set by classification (72 hours for this request).
    assertThat(overdue.getDuedate().toInstant()).isEqualTo(request(req).getDecisionDueAt());
    assertThat(request(req).getDecisionHours()).isEqualTo(72);
    BpmnAwareTests.execute(overdue);

    BpmnAwareTests.assertThat(req.instance).isWaitingAt(LEGAL_REVIEW);
    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(RECORD_VERIFICATION, OVERDUE, ESCALATE, ESCALATED_END);
    Task still = BpmnAwareTests.task(LEGAL_REVIEW, req.instance);
    assertThat(still.getId()).as("the same review task stays open").isEqualTo(review.getId());
    BpmnAwareTests.assertThat(still).hasCandidateGroup(Groups.CITY_ATTORNEY)
        .hasCandidateGroup(Groups.CITY_ATTORNEY_SUPERVISORS);
    assertThat(candidateGroups(still)).containsExactlyInAnyOrder(Groups.CITY_ATTORNEY,
        Groups.CITY_ATTORNEY_SUPERVISORS);
    assertThat(still.getPriority()).isGreaterThanOrEqualTo(100);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "ESCALATED");

    // A supervisor can now decide it; the log records the supervisor's role.
    complete(req, LEGAL_REVIEW, "supervisor", Groups.CITY_ATTORNEY_SUPERVISORS,
        decision(Decision.DECLINE, "SB54_7284_6_A1E", null));
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "ESCALATED", "DECIDED");
    assertThat(entry(req, "DECIDED").actorRole()).isEqualTo(Groups.CITY_ATTORNEY_SUPERVISORS);
  }

  @Test
  void personInCustodyIsNotifiedOfADetainer() {
    Started req = submit(RequestType.DETAINER, Agency.ICE_ERO, true, i247a());
    assertThat(request(req).getNotifyPerson()).isTrue();
    verify(req, administrativeFinding());
    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1B", null));
    respond(req);

    assertWaitingFor(req, NOTIFY, Groups.POLICE_DESK);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "RESPONDED");

    complete(req, NOTIFY, "desk", Groups.POLICE_DESK, Map.of("copyGiven", true, "notificationMethod", "IN_PERSON"));

    BpmnAwareTests.assertThat(req.instance).hasPassedInOrder(VERIFY, LEGAL_REVIEW, LOG_DECISION, SEND,
        RECORD_RESPONSE, NOTIFY, RECORD_NOTIFICATION, CLOSE, END);
    BpmnAwareTests.assertThat(req.instance).isEnded();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "RESPONDED",
        "PERSON_NOTIFIED", "CLOSED");
    FederalRequest closed = request(req);
    assertThat(closed.getNotificationMethod()).isEqualTo("IN_PERSON");
    assertThat(closed.getPersonNotifiedAt()).isNotNull();
    assertThat(closed.getStatus()).isEqualTo(RequestStatus.CLOSED);
  }

  @Test
  void theProcessKeepsOnlyTheVariablesItRoutesOnAndLeavesNoTraceOfConsumedAnswers() {
    Started req = submit(RequestType.DETAINER, Agency.ICE_ERO, true, i247a());
    assertThat(runtimeService.getVariables(req.id()).keySet()).containsExactlyInAnyOrder("requestId", "reference",
        "notifyPerson", "verificationDueAt", "decisionDueAt", "caseAgency", "caseRequestType",
        "caseAccessCategory", "caseDocuments", "caseInCustody", "caseScheduledRelease", "caseVerificationDue",
        "caseDecisionDue");

    verify(req, administrativeFinding());
    assertThat(runtimeService.getVariables(req.id()).keySet()).containsExactlyInAnyOrder("requestId", "reference",
        "notifyPerson", "verificationDueAt", "decisionDueAt", "warrantFinding", "requesterVerified",
        "interviewConsentRequired", "caseAgency", "caseRequestType",
        "caseAccessCategory", "caseDocuments", "caseInCustody", "caseScheduledRelease", "caseVerificationDue",
        "caseDecisionDue");
    // The checks themselves are in the application's table.
    assertThat(request(req).getWarrantFinding()).isEqualTo(WarrantFinding.ADMINISTRATIVE);
    assertThat(jdbc.queryForList("SELECT issuing_body, signer, callback_done FROM warrant_verification"
        + " WHERE request_id = ?", request(req).getId())).singleElement().satisfies(row -> {
          assertThat(row.get("issuing_body")).isEqualTo(administrativeFinding().get("issuingBody"));
          assertThat(row.get("signer")).isEqualTo(administrativeFinding().get("signer"));
          assertThat(row.get("callback_done")).isEqualTo(true);
        });

    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1B", null));
    respond(req);
    complete(req, NOTIFY, "desk", Groups.POLICE_DESK, Map.of("copyGiven", true, "notificationMethod", "IN_PERSON"));
    BpmnAwareTests.assertThat(req.instance).isEnded();

    List<String> kept = historyService.createHistoricVariableInstanceQuery().processInstanceId(req.id()).list()
        .stream().map(HistoricVariableInstance::getName).toList();
    assertThat(kept).containsExactlyInAnyOrder("requestId", "reference", "notifyPerson", "verificationDueAt",
        "decisionDueAt", "warrantFinding", "requesterVerified", "interviewConsentRequired", "legalBasisOptions",
        "legalBasisOptionsByDecision", "responseDueAt", "noticeDueAt", "caseResponseDue", "caseNoticeDue", "decision",
        "legalBasis", "releasedItems",
        "trustOutcome", "caseAgency", "caseRequestType", "caseAccessCategory", "caseDocuments", "caseInCustody",
        "caseScheduledRelease", "caseVerificationDue", "caseDecisionDue");
    FederalRequest closed = request(req);
    assertThat(closed.getResponseMethod()).isEqualTo("EMAIL");
    assertThat(closed.getNotificationMethod()).isEqualTo("IN_PERSON");
  }

  @Test
  void theDecisionIsLoggedBeforeTheResponseTaskExists() {
    Started req = submit(RequestType.JUDICIAL_WARRANT, Agency.ICE_HSI, false, courtWarrant());
    verify(req, judicialValidFinding());
    assertThat(events(req)).doesNotContain("DECIDED");
    assertThat(taskService.createTaskQuery().processInstanceId(req.id()).taskDefinitionKey(SEND).count()).isZero();

    decide(req, decision(Decision.COMPLY, "JUDICIAL_WARRANT", List.of("CUSTODY_STATUS")));

    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    assertThat(events(req)).contains("DECIDED").doesNotContain("RESPONDED");
    long decidedSeq = entry(req, "DECIDED").seq();

    respond(req);
    List<TransparencyEntry> all = entries(req);
    List<Long> responded = all.stream().filter(e -> e.eventType().equals("RESPONDED")).map(TransparencyEntry::seq)
        .toList();
    assertThat(responded).isNotEmpty().allSatisfy(seq -> assertThat(seq).isGreaterThan(decidedSeq));
    assertThat(all).extracting(TransparencyEntry::seq).isSorted().doesNotHaveDuplicates();
  }

  // ---------------------------------------------------------------- refused inputs

  @Test
  void complyOnAnAdministrativeFindingWithAWarrantAsLegalBasisIsRefusedAndChangesNothing() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    Task review = assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);

    assertRefused(() -> complete(req, LEGAL_REVIEW, "attorney", Groups.CITY_ATTORNEY,
        decision(Decision.COMPLY, "JUDICIAL_WARRANT", List.of("BOOKING_RECORD"))), "legalBasis", "decision");

    assertNothingDecided(req, review);

    // The same task still accepts a lawful decision.
    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1E", null));
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    assertThat(decisionsLogged(req)).containsExactly("DECLINE");
  }

  @Test
  void aDeclineThatReleasesItemsIsRefusedAndChangesNothing() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    Task review = assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);

    assertRefused(() -> complete(req, LEGAL_REVIEW, "attorney", Groups.CITY_ATTORNEY,
        decision(Decision.DECLINE, "SB54_7284_6_A1E", "BOOKING_RECORD")), "releasedItems");
    assertNothingDecided(req, review);
  }

  @Test
  void aComplianceWithoutReleasedItemsIsRefusedAndChangesNothing() {
    Started req = submit(RequestType.JUDICIAL_WARRANT, Agency.ICE_HSI, false, courtWarrant());
    verify(req, judicialValidFinding());
    Task review = assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);

    assertRefused(() -> complete(req, LEGAL_REVIEW, "attorney", Groups.CITY_ATTORNEY,
        decision(Decision.COMPLY, "JUDICIAL_WARRANT", null)), "releasedItems");
    assertNothingDecided(req, review);
  }

  @Test
  void aLegalBasisOutsideTheCatalogIsRefusedAndChangesNothing() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    Task review = assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);

    assertRefused(() -> complete(req, LEGAL_REVIEW, "attorney", Groups.CITY_ATTORNEY,
        decision(Decision.DECLINE, "BECAUSE_I_SAID_SO", null)), "legalBasis");
    assertNothingDecided(req, review);
  }

  @Test
  void verificationClaimingJudicialValidForAnI247AIsRefusedAndChangesNothing() {
    Started req = submit(RequestType.DETAINER, Agency.ICE_ERO, true, i247a());
    Task verification = assertWaitingFor(req, VERIFY, Groups.WARRANT_VERIFIERS);

    Map<String, Object> claim = administrativeFinding();
    claim.put("warrantFinding", WarrantFinding.JUDICIAL_VALID.name());
    assertRefused(() -> complete(req, VERIFY, "verifier", Groups.WARRANT_VERIFIERS, claim), "warrantFinding");

    Task still = BpmnAwareTests.task(VERIFY, req.instance);
    assertThat(still.getId()).isEqualTo(verification.getId());
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(VERIFY);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(RECORD_VERIFICATION, LEGAL_REVIEW);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED");
    assertThat(request(req).getWarrantFinding()).isNull();
    assertThat(runtimeService.getVariable(req.id(), "warrantFinding")).isNull();
    assertThat(responseGate.missing(request(req))).contains("warrant verification");
  }

  @Test
  void aNotificationWithoutACopyForThePersonIsRefused() {
    Started req = submit(RequestType.DETAINER, Agency.ICE_ERO, true, i247a());
    verify(req, administrativeFinding());
    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1B", null));
    respond(req);
    Task notify = assertWaitingFor(req, NOTIFY, Groups.POLICE_DESK);

    assertRefused(() -> complete(req, NOTIFY, "desk", Groups.POLICE_DESK,
        Map.of("copyGiven", false, "notificationMethod", "MAIL")), "copyGiven");

    assertThat(BpmnAwareTests.task(NOTIFY, req.instance).getId()).isEqualTo(notify.getId());
    assertThat(events(req)).doesNotContain("PERSON_NOTIFIED", "CLOSED");
    assertThat(request(req).getPersonNotifiedAt()).isNull();
  }

  // ---------------------------------------------------------------- response gate

  @Test
  void theResponseGateRefusesAResponseWithoutADecision() {
    Started req = submit(RequestType.JUDICIAL_WARRANT, Agency.ICE_HSI, false, courtWarrant());
    assertThat(responseGate.missing(request(req)))
        .containsExactly("warrant verification", "legal review decision");

    verify(req, judicialInvalidFinding());
    assertThat(responseGate.missing(request(req))).containsExactly("legal review decision");
    assertThatThrownBy(() -> responseGate.require(request(req)))
        .isInstanceOf(ResponseGate.ResponseNotAllowedException.class)
        .hasMessageContaining(req.reference())
        .hasMessageContaining("legal review decision");

    // Asking the agency for more information is not a decision a response may rest on.
    decide(req, decision(Decision.REQUEST_INFO, "ORDINANCE_2025_06", null));
    assertThat(responseGate.missing(request(req))).containsExactly("legal review decision");
    assertThatThrownBy(() -> responseGate.require(request(req)))
        .isInstanceOf(ResponseGate.ResponseNotAllowedException.class);

    BpmnAwareTests.execute(replyDeadlineJob(req));
    assertThat(responseGate.missing(request(req))).isEmpty();
    assertThat(responseGate.require(request(req)).getDecision()).isEqualTo(Decision.DECLINE);
  }

  // ---------------------------------------------------------------- helpers

  /** A request and its process instance. */
  record Started(String reference, ProcessInstance instance) {
    String id() {
      return instance.getId();
    }
  }

  @Test
  void aDecisionAmendedBeforeTheResponseIsSentIsLoggedAsACorrectionAndTheOriginalStays() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1E", null));
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    UUID original = reviewIds(req).get(0);

    // The attorney meant the ordinance: the send task is withdrawn and the review reopens.
    amend(req, "WRONG_LEGAL_BASIS");
    assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);
    assertThat(taskService.createTaskQuery().processInstanceId(req.id()).taskDefinitionKey(SEND).count()).isZero();
    FederalRequest reopened = request(req);
    assertThat(reopened.getStatus()).isEqualTo(RequestStatus.IN_LEGAL_REVIEW);
    assertThat(reopened.getResponseText()).as("the withdrawn draft").isNull();
    assertThat(runtimeService.getVariable(req.id(), "amendmentReason")).isEqualTo("WRONG_LEGAL_BASIS");
    assertThat(responseGate.missing(reopened)).as("no response while the correction is pending")
        .isNotEmpty();

    decide(req, decision(Decision.DECLINE, "ORDINANCE_2025_06", null));
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    assertThat(request(req).getResponseText()).contains("ORDINANCE_2025_06").doesNotContain("SB54_7284_6_A1E");
    respond(req);

    BpmnAwareTests.assertThat(req.instance).isEnded();
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED",
        "DECISION_AMENDED", "RESPONDED", "CLOSED");
    assertThat(entry(req, "DECIDED").legalBasis()).as("the original entry stays").isEqualTo("SB54_7284_6_A1E");
    assertThat(entry(req, "DECISION_AMENDED").legalBasis()).isEqualTo("ORDINANCE_2025_06");
    assertThat(entry(req, "DECISION_AMENDED").decision()).isEqualTo("DECLINE");
    assertThat(entry(req, "CLOSED").legalBasis()).isEqualTo("ORDINANCE_2025_06");
    List<UUID> reviews = reviewIds(req);
    assertThat(reviews).hasSize(2);
    assertThat(jdbc.queryForObject("SELECT amends_review_id FROM legal_review WHERE id = ?", UUID.class,
        reviews.get(1))).as("the correction names the decision it corrects").isEqualTo(original);
    assertThat(jdbc.queryForMap("SELECT amends_review_id, amended_review_id, reason, requested_by"
        + " FROM decision_amendment WHERE request_id = ?", request(req).getId()))
        .containsEntry("amends_review_id", original).containsEntry("amended_review_id", reviews.get(1))
        .containsEntry("reason", "WRONG_LEGAL_BASIS").containsEntry("requested_by", "attorney");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(req.id())
        .variableNameIn("amendmentId", "amendsReviewId", "amendmentReason").count())
        .as("the amendment's variables are removed once the correction is stored").isZero();
  }

  @Test
  void aDecisionCanBeAmendedOnlyWhileItsResponseWaitsToBeSent() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    assertThatThrownBy(() -> amend(req, "WRONG_DECISION")).as("nothing decided yet")
        .isInstanceOf(ConflictException.class).hasMessageContaining("no decision waiting to be sent");
    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1E", null));
    assertThatThrownBy(() -> amend(req, "BECAUSE")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.getProblems()).extracting(FieldProblem::field).containsExactly("reason"));
    assertThatThrownBy(() -> amend(req, null)).isInstanceOf(InvalidInputException.class);
    assertWaitingFor(req, SEND, Groups.POLICE_DESK);
    respond(req);
    assertThatThrownBy(() -> amend(req, "WRONG_LEGAL_BASIS")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("was sent");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM decision_amendment WHERE request_id = ?", Integer.class,
        request(req).getId())).as("refusals change nothing").isZero();
    assertThat(events(req)).doesNotContain("DECISION_AMENDED");
  }

  @Test
  void theLegalBasesOfferedFollowTheDecision() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    Task review = assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);
    Map<String, List<String>> offered = new HashMap<>();
    org.camunda.spin.json.SpinJsonNode byDecision = (org.camunda.spin.json.SpinJsonNode) taskService
        .getVariableLocal(review.getId(), "legalBasisOptionsByDecision");
    for (Decision d : Decision.values()) {
      List<String> codes = new ArrayList<>();
      byDecision.prop(d.name()).elements().forEach(o -> codes.add(o.prop("value").stringValue()));
      offered.put(d.name(), codes);
    }
    // A decline cites a reason to decline, never a warrant or a court order (decision-rules.dmn row 9).
    assertThat(offered.get("DECLINE")).contains("ORDINANCE_2025_06", "SB54_7284_6_A1E")
        .doesNotContain("COURT_ORDER", "JUDICIAL_WARRANT");
    // A compliance cites what can authorize it: no prohibition, and no warrant the verifier did not find valid.
    assertThat(offered.get("COMPLY_LIMITED")).contains("USC_8_1373", "PUBLIC_INFORMATION")
        .doesNotContain("ORDINANCE_2025_06", "SB54_7284_6_A1E", "COURT_ORDER", "JUDICIAL_WARRANT");
    assertThat(offered.get("REQUEST_INFO")).contains("NO_REPLY_NO_AUTHORITY");
  }

  @Test
  void theAttorneyAmendsADecisionFromTasklistWithTheAmendADecisionStartForm() {
    Started req = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(req, administrativeFinding());
    Map<String, Object> form = new HashMap<>();
    form.put("reference", req.reference());
    form.put("amendmentReason", "WRONG_DECISION");
    // Nothing decided yet: refused on the reference field, and no amendment process is left behind.
    assertRefused(() -> as("attorney", Groups.CITY_ATTORNEY, () -> formService
        .submitStartForm(amendmentDefinitionId(), form)), "reference");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("decision-amendment")
        .variableValueEquals("reference", req.reference()).count()).isZero();

    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1E", null));
    ProcessInstance amendment = as("attorney", Groups.CITY_ATTORNEY, () -> formService
        .submitStartForm(amendmentDefinitionId(), form));
    BpmnAwareTests.assertThat(amendment).isEnded()
        .hasPassedInOrder("StartEvent_AmendmentAsked", "ServiceTask_ReopenDecision", "EndEvent_DecisionReopened");
    assertWaitingFor(req, LEGAL_REVIEW, Groups.CITY_ATTORNEY);
    assertThat(jdbc.queryForObject("SELECT reason FROM decision_amendment WHERE request_id = ?", String.class,
        request(req).getId())).isEqualTo("WRONG_DECISION");
  }

  @Test
  void theResponseAndTheNoticeAreDueBeforeThePersonsScheduledRelease() {
    Instant release = Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS);
    NewRequest input = new NewRequest(Agency.ICE_ERO, RequestType.DETAINER, Channel.FAX,
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS),
        new NewRequest.Requester("Officer Test", "B-1234", "+1 (213) 555-0100", "officer@example.gov"),
        new NewRequest.Subject("Test Person", LocalDate.of(1990, 1, 1), "BK-42", true,
            release.atOffset(ZoneOffset.UTC)), i247a(), "Detainer faxed overnight.");
    IntakeService.Submission submission = as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null));
    Started req = new Started(submission.reference(), runtimeService.createProcessInstanceQuery()
        .processInstanceId(submission.processInstanceId()).singleResult());
    verify(req, administrativeFinding());
    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1B", null));
    // Released in six hours: the response is due then, not a day after the decision.
    assertThat(BpmnAwareTests.task(SEND, req.instance).getDueDate().toInstant()).isEqualTo(release);
    respond(req);
    assertThat(BpmnAwareTests.task(NOTIFY, req.instance).getDueDate().toInstant()).isEqualTo(release);

    // Not in custody: the configured hours after the decision (app.policy.response-hours, 24).
    Started free = submit(RequestType.ADMINISTRATIVE_WARRANT, Agency.ICE_ERO, false, i200());
    verify(free, administrativeFinding());
    Instant before = Instant.now();
    decide(free, decision(Decision.DECLINE, "SB54_7284_6_A1E", null));
    assertThat(BpmnAwareTests.task(SEND, free.instance).getDueDate().toInstant())
        .isBetween(before.plus(Duration.ofHours(24)).minusSeconds(1), Instant.now().plus(Duration.ofHours(24)));
  }

  private Started submit(RequestType type, Agency agency, boolean inCustody, List<NewRequest.Document> documents) {
    NewRequest input = new NewRequest(agency, type, Channel.IN_PERSON,
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS),
        new NewRequest.Requester("Officer Test", "B-1234", "+1 (213) 555-0100", "officer@example.gov"),
        new NewRequest.Subject("Test Person", LocalDate.of(1990, 1, 1), inCustody ? "BK-42" : null, inCustody, null),
        documents, "Request handed over at the front desk.");
    IntakeService.Submission submission = as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null));
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(submission.processInstanceId()).singleResult();
    assertThat(instance).as("process instance of %s", submission.reference()).isNotNull();
    assertThat(instance.getBusinessKey()).isEqualTo(submission.reference());
    BpmnAwareTests.assertThat(instance).isStarted().hasPassedInOrder(START, REGISTER, CLASSIFY);
    return new Started(submission.reference(), instance);
  }









  private void verify(Started req, Map<String, Object> answers) {
    complete(req, VERIFY, "verifier", Groups.WARRANT_VERIFIERS, answers);
  }

  private void decide(Started req, Map<String, Object> decision) {
    complete(req, LEGAL_REVIEW, "attorney", Groups.CITY_ATTORNEY, decision);
  }

  private String amendmentDefinitionId() {
    return processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("decision-amendment")
        .latestVersion().singleResult().getId();
  }

  private void amend(Started req, String reason) {
    as("attorney", Groups.CITY_ATTORNEY, () -> amendments.reopen(req.reference(),
        new DecisionAmendments.NewAmendment(reason), new Actor("attorney", Groups.CITY_ATTORNEY)));
  }

  private List<UUID> reviewIds(Started req) {
    return jdbc.queryForList("SELECT id FROM legal_review WHERE request_id = ? ORDER BY reviewed_at", UUID.class,
        request(req).getId());
  }

  private void respond(Started req) {
    complete(req, SEND, "desk", Groups.POLICE_DESK, Map.of("responseMethod", "EMAIL"));
  }

  /** Completes the open task of this step as a member of the group that works on it (authorization on). */
  private void complete(Started req, String taskKey, String user, String group, Map<String, Object> variables) {
    Task task = BpmnAwareTests.task(taskKey, req.instance);
    assertThat(task).as("open task %s", taskKey).isNotNull();
    as(user, group, () -> {
      taskService.complete(task.getId(), variables);
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

  private void assertRefused(Runnable action, String... fields) {
    assertThatThrownBy(action::run)
        .isInstanceOf(ProcessEngineException.class)
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getProblems())
            .extracting(FieldProblem::field).contains(fields));
  }

  private void assertNothingDecided(Started req, Task review) {
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(LEGAL_REVIEW);
    BpmnAwareTests.assertThat(req.instance).hasNotPassed(LOG_DECISION);
    Task still = BpmnAwareTests.task(LEGAL_REVIEW, req.instance);
    assertThat(still.getId()).as("the review task is still open").isEqualTo(review.getId());
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED");
    FederalRequest stored = request(req);
    assertThat(stored.getDecision()).isNull();
    assertThat(stored.getStatus()).isEqualTo(RequestStatus.IN_LEGAL_REVIEW);
    assertThat(runtimeService.getVariable(req.id(), "decision")).isNull();
    assertThat(responseGate.missing(stored)).containsExactly("legal review decision");
  }

  private Job replyDeadlineJob(Started req) {
    return managementService.createJobQuery().processInstanceId(req.id()).activityId(REPLY_DEADLINE).singleResult();
  }

  private List<String> candidateGroups(Task task) {
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return groups;
  }

  private FederalRequest request(Started req) {
    return requests.requireByReference(req.reference());
  }

  private List<TransparencyEntry> entries(Started req) {
    return transparencyLog.forReference(req.reference());
  }

  private List<String> events(Started req) {
    return entries(req).stream().map(TransparencyEntry::eventType).toList();
  }

  private List<String> decisionsLogged(Started req) {
    return entries(req).stream().filter(e -> e.eventType().equals("DECIDED")).map(TransparencyEntry::decision)
        .toList();
  }

  /** The only entry of this type for the request. */
  private TransparencyEntry entry(Started req, String eventType) {
    List<TransparencyEntry> matching = entries(req).stream().filter(e -> e.eventType().equals(eventType)).toList();
    assertThat(matching).as("%s entries of %s", eventType, req.reference()).hasSize(1);
    return matching.get(0);
  }
}
