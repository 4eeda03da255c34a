package org.sanctuarycity.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.administrativeFinding;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.courtWarrant;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.decision;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.i247a;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.judicialValidFinding;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.noDocumentFinding;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.response.ResponseGate;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.sanctuarycity.workflow.transparency.TransparencyReports;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The realistic requests a city attorney meets, decided the way the attorney decides them in Tasklist, each test
 * named as the legal sentence it checks (docs/legal.md maps each one to its clause and table row). A refusal names
 * the item, the row of bpmn/release-rules.dmn and the clause, keeps the legal review open and stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class ReleaseDecisionsUnderCaliforniaLawTest {

  static final String LEGAL_REVIEW = "UserTask_LegalReview";
  static final String SEND = "UserTask_SendResponse";
  static final String NOTIFY = "UserTask_NotifyPerson";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired IntakeService intake;
  @Autowired FederalRequests requests;
  @Autowired TransparencyLog transparencyLog;
  @Autowired ResponseGate responseGate;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransparencyReports reports;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(processEngine);
    identityService.clearAuthentication();
  }

  @AfterEach
  void clearAuthentication() {
    identityService.clearAuthentication();
  }

  // ------------------------------------------------------------ SB 54: personal information, 7284.6(a)(1)(D)

  @Test
  void anAdministrativeSubpoenaGetsNoHomeAddressAnd1373DoesNotCoverAddresses() {
    Started req = atLegalReview(RequestType.ADMINISTRATIVE_SUBPOENA, false, List.of(i138()), administrativeFinding());

    List<FieldProblem> problems = refused(req, decision(Decision.COMPLY, "USC_8_1373",
        List.of("HOME_OR_WORK_ADDRESS", "BOOKING_RECORD")));

    assertThat(problems).extracting(FieldProblem::reason)
        .anySatisfy(r -> assertThat(r).startsWith("HOME_OR_WORK_ADDRESS may not be released")
            .contains("Rule_release_rules_basis_does_not_authorize"))
        .anySatisfy(r -> assertThat(r).startsWith("BOOKING_RECORD may not be released"));
    // Cited with a basis that can authorize addresses, the address still needs a valid judicial warrant.
    List<FieldProblem> again = refused(req, decision(Decision.COMPLY_LIMITED, "PUBLIC_INFORMATION",
        List.of("PERSONAL_INFO_NONPUBLIC")));
    assertThat(again).extracting(FieldProblem::reason).anySatisfy(r -> assertThat(r)
        .startsWith("PERSONAL_INFO_NONPUBLIC may not be released"));
    assertNothingDecided(req);
  }

  @Test
  void aHomeAddressIsReleasedOnlyWhenAValidJudicialWarrantRequiresIt() {
    Started req = atLegalReview(RequestType.JUDICIAL_WARRANT, false, courtWarrant(), judicialValidFinding());
    decide(req, decision(Decision.COMPLY, "JUDICIAL_WARRANT", List.of("HOME_OR_WORK_ADDRESS", "BOOKING_RECORD")));
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(SEND);
    assertThat(request(req).getReleasedItems()).isEqualTo("HOME_OR_WORK_ADDRESS,BOOKING_RECORD");
  }

  @Test
  void aBasisThatForbidsCooperationCannotJustifyARelease() {
    Started req = atLegalReview(RequestType.RECORDS_REQUEST, false, List.of(), noDocumentFinding());
    List<FieldProblem> problems = refused(req, decision(Decision.COMPLY_LIMITED, "SB54_7284_6_A1D",
        List.of("CUSTODY_STATUS")));
    assertThat(problems).extracting(FieldProblem::field).contains("legalBasis");
    assertThat(problems).extracting(FieldProblem::reason).anySatisfy(r -> assertThat(r)
        .contains("forbids cooperation"));
    assertNothingDecided(req);
  }

  @Test
  void aDeclineCitesWhyTheCityDeclinesNotACourtOrder() {
    Started req = atLegalReview(RequestType.ADMINISTRATIVE_SUBPOENA, false, List.of(i138()), administrativeFinding());
    assertThat(refused(req, decision(Decision.DECLINE, "COURT_ORDER", null))).extracting(FieldProblem::field)
        .containsExactly("legalBasis");
    decide(req, decision(Decision.DECLINE, "SB54_7284_6_A1D", null));
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(SEND);
  }

  // ------------------------------------------------------------ SB 54: transfers, 7284.6(a)(4)

  @Test
  void aTransferOnAnImmigrationJudgesRemovalOrderIsRefused() {
    Map<String, Object> immigrationJudge = administrativeFinding();
    immigrationJudge.put("signer", "IMMIGRATION_JUDGE");
    Started req = atLegalReview(RequestType.TRANSFER_REQUEST, true, List.of(removalOrder()), immigrationJudge);

    List<FieldProblem> problems = refused(req, decision(Decision.COMPLY_LIMITED, "USC_8_1373",
        List.of("TRANSFER_OF_CUSTODY")));
    assertThat(problems).extracting(FieldProblem::reason).anySatisfy(r -> assertThat(r)
        .startsWith("TRANSFER_OF_CUSTODY may not be released"));
    // Under the TRUST Act, with no criterion found, it is refused twice over: the basis and the item.
    Map<String, Object> trust = decision(Decision.COMPLY_LIMITED, "GOV_7282_5", List.of("TRANSFER_OF_CUSTODY"));
    trust.put("trustCriterion", "NONE_APPLIES");
    List<FieldProblem> underTrust = refused(req, trust);
    assertThat(underTrust).extracting(FieldProblem::field).contains("trustCriterion", "releasedItems");
    assertThat(underTrust).extracting(FieldProblem::reason).anySatisfy(r -> assertThat(r)
        .contains("Rule_release_rules_transfer_refused").contains("Gov. Code 7284.6(a)(4)"));
    assertNothingDecided(req);
  }

  @Test
  void aTransferOnAFederalJudgesWarrantForAFederalImmigrationCrimeIsAllowedAndThePersonIsTold() {
    Started req = atLegalReview(RequestType.JUDICIAL_WARRANT, true, courtWarrant(), judicialValidFinding());
    assertThat(request(req).getNotifyPerson()).isFalse();

    decide(req, decision(Decision.COMPLY, "JUDICIAL_WARRANT", List.of("TRANSFER_OF_CUSTODY")));

    assertThat(request(req).getNotifyPerson()).isTrue();
    respond(req);
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(NOTIFY);
  }

  @Test
  void aJudicialWarrantForAStateCrimeDoesNotAllowATransfer() {
    Map<String, Object> stateCrime = judicialValidFinding();
    stateCrime.put("federalCriminalLaw", false);
    Started req = atLegalReview(RequestType.JUDICIAL_WARRANT, true, courtWarrant(), stateCrime);
    assertThat(refused(req, decision(Decision.COMPLY, "JUDICIAL_WARRANT", List.of("TRANSFER_OF_CUSTODY"))))
        .extracting(FieldProblem::reason).anySatisfy(r -> assertThat(r).contains("Rule_release_rules_transfer_refused"));
    assertNothingDecided(req);
  }

  // ------------------------------------------------------------ TRUST Act, 7282.5

  @Test
  void aReleaseNotificationForAManWithNoConvictionIsRefused() {
    Started req = atLegalReview(RequestType.RELEASE_NOTIFICATION, true, i247a(), administrativeFinding());
    Map<String, Object> notify = decision(Decision.COMPLY_LIMITED, "GOV_7282_5", List.of("RELEASE_NOTIFICATION"));
    notify.put("trustCriterion", "NONE_APPLIES");
    List<FieldProblem> problems = refused(req, notify);
    assertThat(problems).extracting(FieldProblem::field).contains("trustCriterion", "releasedItems");
    assertThat(problems).extracting(FieldProblem::reason).anySatisfy(r -> assertThat(r)
        .startsWith("RELEASE_NOTIFICATION may not be released").contains("Rule_release_rules_release_notice_refused"));
    // Citing the bare code without recording a criterion is refused the same way.
    notify.remove("trustCriterion");
    assertThat(refused(req, notify)).extracting(FieldProblem::field).contains("trustCriterion", "releasedItems");
    assertNothingDecided(req);
  }

  @Test
  void aCurrentFelonyChargeCountsOnlyAfterAMagistratesProbableCauseFinding() {
    Started req = atLegalReview(RequestType.RELEASE_NOTIFICATION, true, i247a(), administrativeFinding());
    Map<String, Object> notify = decision(Decision.COMPLY_LIMITED, "GOV_7282_5", List.of("RELEASE_NOTIFICATION"));
    notify.put("trustCriterion", "CURRENT_SERIOUS_OR_PRISON_FELONY_CHARGE");
    notify.put("magistrateProbableCause", false);
    assertThat(refused(req, notify)).extracting(FieldProblem::field).contains("trustCriterion", "releasedItems");

    notify.put("magistrateProbableCause", true);
    notify.put("pii_criminalHistoryNotes", "Held to answer on PC 245(a)(1), case 26CR00412.");
    decide(req, notify);

    FederalRequest decided = request(req);
    assertThat(decided.getNotifyPerson()).as("Gov. Code 7283.1(b): the person is told").isTrue();
    Map<String, Object> review = jdbc.queryForMap("SELECT trust_criterion, magistrate_probable_cause, trust_outcome,"
        + " trust_clause, criminal_history_notes FROM legal_review WHERE request_id = ?", decided.getId());
    assertThat(review.get("trust_criterion")).isEqualTo("CURRENT_SERIOUS_OR_PRISON_FELONY_CHARGE");
    assertThat(review.get("magistrate_probable_cause")).isEqualTo(true);
    assertThat(review.get("trust_outcome")).isEqualTo("ELIGIBLE");
    assertThat(review.get("trust_clause")).isEqualTo("Gov. Code 7282.5(b)");
    assertThat((String) review.get("criminal_history_notes")).as("encrypted at rest").doesNotContain("245");
    // Only the outcome code stays in the process; the criterion and the notes are in the application's table.
    assertThat(runtimeService.getVariables(req.id())).containsEntry("trustOutcome", "ELIGIBLE")
        .doesNotContainKeys("trustCriterion", "magistrateProbableCause", "pii_criminalHistoryNotes");
    respond(req);
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(NOTIFY);
  }

  @Test
  void aTransferUnderTheTrustActNeedsAQualifyingConviction() {
    Started req = atLegalReview(RequestType.TRANSFER_REQUEST, true, i247a(), administrativeFinding());
    Map<String, Object> transfer = decision(Decision.COMPLY_LIMITED, "GOV_7282_5", List.of("TRANSFER_OF_CUSTODY"));
    transfer.put("trustCriterion", "SERIOUS_OR_VIOLENT_FELONY_CONVICTION");
    decide(req, transfer);
    assertThat(request(req).getReleasedItems()).isEqualTo("TRANSFER_OF_CUSTODY");
    assertThat(entry(req, "DECIDED").legalBasis()).isEqualTo("GOV_7282_5");
  }

  @Test
  void aNoticeOrTransferUnderTheTrustActAnswersOnlyARequestForIt() {
    // A records request for a person who meets a criterion: 7284.6(a)(1)(C) allows the date only "in response to
    // a notification request", and (a)(4) a transfer only on a transfer request under 7282.5.
    Started req = atLegalReview(RequestType.RECORDS_REQUEST, true, List.of(), noDocumentFinding());
    Map<String, Object> records = decision(Decision.COMPLY_LIMITED, "GOV_7282_5",
        List.of("RELEASE_NOTIFICATION", "TRANSFER_OF_CUSTODY"));
    records.put("trustCriterion", "SERIOUS_OR_VIOLENT_FELONY_CONVICTION");
    List<FieldProblem> problems = refused(req, records);
    assertThat(problems).extracting(FieldProblem::reason)
        .anySatisfy(r -> assertThat(r).startsWith("RELEASE_NOTIFICATION may not be released")
            .contains("Rule_release_rules_release_notice_refused"))
        .anySatisfy(r -> assertThat(r).startsWith("TRANSFER_OF_CUSTODY may not be released")
            .contains("Rule_release_rules_transfer_refused"));
    assertNothingDecided(req);
  }

  @Test
  void aDetainerAskingForNoticeOfReleaseMayBeAnsweredForAPersonWhoMeetsATrustActCriterion() {
    Started req = atLegalReview(RequestType.DETAINER, true, i247a(), administrativeFinding());
    Map<String, Object> notice = decision(Decision.COMPLY_LIMITED, "GOV_7282_5", List.of("RELEASE_NOTIFICATION"));
    notice.put("trustCriterion", "STATE_PRISON_FELONY_CONVICTION");
    decide(req, notice);
    assertThat(request(req).getReleasedItems()).isEqualTo("RELEASE_NOTIFICATION");
    assertThat(request(req).getNotifyPerson()).as("Gov. Code 7283.1(b)").isTrue();
  }

  // ------------------------------------------------------------ TRUTH Act interviews, 7283.1(a)

  @Test
  void anInterviewThePersonDeclinedOnTheConsentFormIsRefused() {
    Started req = atConsent(RequestType.INTERVIEW_REQUEST, true, noDocumentFinding());
    complete(req, "UserTask_InterviewConsent", "desk", Groups.POLICE_DESK,
        Map.of("interviewConsent", "DECLINED", "consentLanguage", "ES"));
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(LEGAL_REVIEW);

    List<FieldProblem> problems = refused(req, decision(Decision.COMPLY_LIMITED, "TRUTH_ACT_7283_1",
        List.of("INTERVIEW_WITH_CONSENT")));
    assertThat(problems).extracting(FieldProblem::reason).anySatisfy(r -> assertThat(r)
        .startsWith("INTERVIEW_WITH_CONSENT may not be released").contains("Rule_release_rules_interview_refused")
        .contains("Gov. Code 7283.1(a)"));
    decide(req, decision(Decision.DECLINE, "ORDINANCE_2025_06", null));
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(SEND);
  }

  @Test
  void anInterviewThePersonConsentedToOnlyWithTheirAttorneyMayBeGranted() {
    Started req = atConsent(RequestType.INTERVIEW_REQUEST, true, noDocumentFinding());
    complete(req, "UserTask_InterviewConsent", "desk", Groups.POLICE_DESK,
        Map.of("interviewConsent", "ONLY_WITH_ATTORNEY", "consentLanguage", "VI"));
    decide(req, decision(Decision.COMPLY_LIMITED, "TRUTH_ACT_7283_1", List.of("INTERVIEW_WITH_CONSENT")));
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(SEND);
    assertThat(request(req).getReleasedItems()).isEqualTo("INTERVIEW_WITH_CONSENT");
  }

  // ------------------------------------------------------------ joint operations, 7284.6(b)(3)

  @Test
  void aJointOperationWhosePrimaryPurposeWasNotStatedCannotBeJoined() {
    Started req = atLegalReview(RequestType.JOINT_OPERATION, false, List.of(), noDocumentFinding());
    assertThat(refused(req, decision(Decision.COMPLY_LIMITED, "SB54_7284_6_B3",
        List.of("JOINT_OPERATION_PARTICIPATION")))).extracting(FieldProblem::reason)
        .anySatisfy(r -> assertThat(r).contains("Rule_release_rules_joint_operation_refused"));
    assertNothingDecided(req);
  }

  // ------------------------------------------------------------ 8 U.S.C. 1373 and the truthful outcomes

  @Test
  void aStatusRequestTheCityCannotAnswerIsAnsweredNoResponsiveRecords() {
    Started req = atLegalReview(RequestType.RECORDS_REQUEST, false, List.of(), noDocumentFinding());
    decide(req, decision(Decision.NO_RESPONSIVE_RECORDS, "NO_RECORDS_HELD", null));

    assertThat(request(req).getResponseText()).contains("holds no records responsive to this request")
        .contains("does not collect information about citizenship or immigration status");
    assertThat(entry(req, "DECIDED").decision()).isEqualTo("NO_RESPONSIVE_RECORDS");
    respond(req);
    BpmnAwareTests.assertThat(req.instance).isEnded();
    // Its own category in the public report, not counted as a refusal.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    TransparencyReports.Section decisions = reports.report(today, today).sections().stream()
        .filter(section -> section.key().equals("decision")).findFirst().orElseThrow();
    assertThat(decisions.rows()).anySatisfy(row -> {
      assertThat(row.code()).isEqualTo("NO_RESPONSIVE_RECORDS");
      assertThat(row.label()).isEqualTo("No responsive records");
      assertThat(row.count()).isPositive();
    });
  }

  @Test
  void aPartialReleaseHasItsOwnWordingAndIsReportedAsPartiallyReleased() {
    Started req = atLegalReview(RequestType.RECORDS_REQUEST, false, List.of(), noDocumentFinding());
    decide(req, decision(Decision.COMPLY_LIMITED, "USC_8_1373", List.of("CITIZENSHIP_OR_STATUS_INFO")));

    String text = request(req).getResponseText();
    assertThat(text).contains("will comply in part").contains("Nothing else is released")
        .doesNotContain("will comply within the scope").doesNotContain("declines");
    assertThat(entry(req, "DECIDED").decision()).isEqualTo("COMPLY_LIMITED");
    respond(req);
    // Its own category in the public report, apart from full compliance and from refusals.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    TransparencyReports.Section decisions = reports.report(today, today).sections().stream()
        .filter(section -> section.key().equals("decision")).findFirst().orElseThrow();
    assertThat(decisions.rows()).anySatisfy(row -> {
      assertThat(row.code()).isEqualTo("COMPLY_LIMITED");
      assertThat(row.label()).isEqualTo("Partially released");
      assertThat(row.count()).isPositive();
    });
    assertThat(decisions.rows()).filteredOn(row -> row.label().equals("Partially released")).hasSize(1);
  }

  @Test
  void noResponsiveRecordsCannotAnswerADetainer() {
    Started req = atLegalReview(RequestType.DETAINER, true, i247a(), administrativeFinding());
    assertThat(refused(req, decision(Decision.NO_RESPONSIVE_RECORDS, "NO_RECORDS_HELD", null)))
        .extracting(FieldProblem::field).containsExactly("decision");
    assertNothingDecided(req);
  }

  @Test
  void statusInformationTheCityHoldsIsNotBlockedWhen1373IsCited() {
    Started req = atLegalReview(RequestType.RECORDS_REQUEST, false, List.of(), noDocumentFinding());
    decide(req, decision(Decision.COMPLY_LIMITED, "USC_8_1373", List.of("CITIZENSHIP_OR_STATUS_INFO")));
    assertThat(entry(req, "DECIDED").legalBasis()).isEqualTo("USC_8_1373");
  }

  // ------------------------------------------------------------ checked again before anything leaves

  @Test
  void theResponseStepRefusesAReleaseTheRulesDoNotAllowEvenIfTheDecisionWasStored() {
    Started req = atLegalReview(RequestType.JUDICIAL_WARRANT, false, courtWarrant(), judicialValidFinding());
    decide(req, decision(Decision.COMPLY, "JUDICIAL_WARRANT", List.of("HOME_OR_WORK_ADDRESS")));
    FederalRequest decided = request(req);
    assertThat(responseGate.missing(decided)).isEmpty();
    // A decision written past the legal-review step (a changed flow, a hand-edited row) that cites 1373 for an
    // address: the response step asks the release rules again and refuses.
    jdbc.update("UPDATE legal_review SET legal_basis = 'USC_8_1373' WHERE request_id = ?", decided.getId());

    assertThat(responseGate.missing(decided)).singleElement().satisfies(m -> assertThat(m)
        .contains("HOME_OR_WORK_ADDRESS may not be released"));
    Task send = BpmnAwareTests.task(SEND, req.instance);
    assertThatThrownBy(() -> as("desk", Groups.POLICE_DESK, () -> {
      taskService.complete(send.getId(), Map.of("responseMethod", "EMAIL"));
      return null;
    })).isInstanceOf(ResponseGate.ResponseNotAllowedException.class);
    assertThat(request(req).getResponseSentAt()).isNull();
    assertThat(events(req)).doesNotContain("RESPONDED");
  }

  // ------------------------------------------------------------ helpers

  record Started(String reference, ProcessInstance instance) {
    String id() {
      return instance.getId();
    }
  }

  private Started atLegalReview(RequestType type, boolean inCustody, List<NewRequest.Document> documents,
      Map<String, Object> verification) {
    Started req = verified(type, inCustody, documents, verification);
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(LEGAL_REVIEW);
    return req;
  }

  /** An interview request waits for the TRUTH Act consent form after verification. */
  private Started atConsent(RequestType type, boolean inCustody, Map<String, Object> verification) {
    Started req = verified(type, inCustody, List.of(), verification);
    BpmnAwareTests.assertThat(req.instance).isWaitingAt("UserTask_InterviewConsent");
    return req;
  }

  private Started verified(RequestType type, boolean inCustody, List<NewRequest.Document> documents,
      Map<String, Object> verification) {
    NewRequest input = new NewRequest(Agency.ICE_ERO, type, Channel.FAX,
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.SECONDS),
        new NewRequest.Requester("Officer Law", "B-77", "+1 (213) 555-0101", "ero@example.gov"),
        new NewRequest.Subject("Law Subject", LocalDate.of(1985, 5, 5), inCustody ? "BK-77" : null, inCustody, null),
        documents, "Request received by fax.",
        // Intake requires a stated purpose for joint operations and facility access; "not stated" is an answer.
        type == RequestType.JOINT_OPERATION || type == RequestType.FACILITY_ACCESS ? PrimaryPurpose.NOT_STATED : null,
        null, null);
    IntakeService.Submission submission = as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null));
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(submission.processInstanceId()).singleResult();
    Started req = new Started(submission.reference(), instance);
    complete(req, "UserTask_VerifyWarrant", "verifier", Groups.WARRANT_VERIFIERS, verification);
    return req;
  }

  private void decide(Started req, Map<String, Object> decision) {
    complete(req, LEGAL_REVIEW, "attorney", Groups.CITY_ATTORNEY, decision);
  }

  private void respond(Started req) {
    complete(req, SEND, "desk", Groups.POLICE_DESK, Map.of("responseMethod", "EMAIL"));
  }

  private List<FieldProblem> refused(Started req, Map<String, Object> decision) {
    Task review = BpmnAwareTests.task(LEGAL_REVIEW, req.instance);
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> decide(req, decision));
    assertThat(thrown).isInstanceOf(ProcessEngineException.class).isInstanceOf(InvalidInputException.class);
    assertThat(BpmnAwareTests.task(LEGAL_REVIEW, req.instance).getId()).isEqualTo(review.getId());
    return ((InvalidInputException) thrown).getProblems();
  }

  private void assertNothingDecided(Started req) {
    BpmnAwareTests.assertThat(req.instance).isWaitingAt(LEGAL_REVIEW);
    assertThat(events(req)).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED");
    FederalRequest stored = request(req);
    assertThat(stored.getDecision()).isNull();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM legal_review WHERE request_id = ?", Integer.class,
        stored.getId())).isZero();
    assertThat(runtimeService.getVariables(req.id())).doesNotContainKeys("decision", "trustOutcome");
  }

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

  private FederalRequest request(Started req) {
    return requests.requireByReference(req.reference());
  }

  private List<String> events(Started req) {
    return transparencyLog.forReference(req.reference()).stream().map(TransparencyEntry::eventType).toList();
  }

  private TransparencyEntry entry(Started req, String eventType) {
    List<TransparencyEntry> matching = transparencyLog.forReference(req.reference()).stream()
        .filter(e -> e.eventType().equals(eventType)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static NewRequest.Document i138() {
    return new NewRequest.Document("I-138", "DHS / ICE", "J. Officer", "Special Agent", LocalDate.now().minusDays(2));
  }

  private static NewRequest.Document removalOrder() {
    return new NewRequest.Document("EOIR removal order", "Executive Office for Immigration Review", "Hon. I. Judge",
        "Immigration Judge", LocalDate.now().minusDays(30));
  }
}
