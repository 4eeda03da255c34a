package org.sanctuarycity.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
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
import org.sanctuarycity.workflow.policy.FacilityArea;
import org.sanctuarycity.workflow.policy.FacilityKind;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15, item 4 and the facility part of item 5, at the process level: the primary purpose of a joint operation
 * or facility visit (Gov. Code 7284.6(b)(3)) and the kind and area of a facility (AB 49, SB 81), as intake records
 * them and request-classification.dmn classifies them. Same context as FederalRequestProcessTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class PrimaryPurposeAndFacilityProcessTest {

  static final String START = "StartEvent_RequestReceived";
  static final String REGISTER = "ServiceTask_RegisterRequest";
  static final String CLASSIFY = "BusinessRuleTask_ClassifyRequest";
  static final String VERIFY = "UserTask_VerifyWarrant";
  static final String LEGAL_REVIEW = "UserTask_LegalReview";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired IntakeService intake;
  @Autowired FederalRequests requests;
  @Autowired TransparencyLog transparencyLog;
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
  void anFbiTaskForceWhosePrimaryPurposeIsImmigrationEnforcementIsImmigrationRelated() {
    FederalRequest r = submitted(input(Agency.FBI, RequestType.JOINT_OPERATION, PrimaryPurpose.IMMIGRATION_ENFORCEMENT,
        null, null));
    assertThat(r.getPrimaryPurpose()).isEqualTo(PrimaryPurpose.IMMIGRATION_ENFORCEMENT);
    assertThat(r.getImmigrationRelated()).isTrue();
    // A decision deadline, as for any immigration-related joint operation (row immigration_purpose).
    assertThat(r.getDecisionHours()).isEqualTo(72);
    assertThat(r.getDecisionDueAt()).isEqualTo(r.getReceivedAt().plus(Duration.ofHours(72)));
    assertThat(r.getFacilityKind()).isNull();
    assertThat(r.getFacilityArea()).isNull();
  }

  @Test
  void aDeaOrMarshalsOperationWhosePrimaryPurposeIsImmigrationEnforcementIsImmigrationRelatedToo() {
    for (Agency agency : List.of(Agency.DEA, Agency.USMS, Agency.ATF, Agency.OTHER_FEDERAL)) {
      for (RequestType type : List.of(RequestType.JOINT_OPERATION, RequestType.OTHER)) {
        FederalRequest r = submitted(input(agency, type, PrimaryPurpose.IMMIGRATION_ENFORCEMENT, null, null));
        assertThat(r.getImmigrationRelated()).as("%s %s", agency, type).isTrue();
      }
    }
  }

  @Test
  void anFbiJointOperationForACriminalInvestigationIsNotImmigrationRelatedOnItsFace() {
    FederalRequest r = submitted(input(Agency.FBI, RequestType.JOINT_OPERATION, PrimaryPurpose.CRIMINAL_INVESTIGATION,
        null, null));
    assertThat(r.getImmigrationRelated()).isFalse();
    assertThat(r.getDecisionHours()).isEqualTo(120);
  }

  @Test
  void aJointOperationWithAnImmigrationAgencyIsImmigrationRelatedWhateverPurposeItStates() {
    FederalRequest r = submitted(input(Agency.ICE_HSI, RequestType.JOINT_OPERATION,
        PrimaryPurpose.CRIMINAL_INVESTIGATION, null, null));
    assertThat(r.getImmigrationRelated()).isTrue();
  }

  @Test
  void anImmigrationEnforcementVisitToANonPublicAreaOfASchoolIsImmigrationRelatedAndDecidedWithin24Hours() {
    FederalRequest r = submitted(input(Agency.USMS, RequestType.FACILITY_ACCESS, PrimaryPurpose.IMMIGRATION_ENFORCEMENT,
        FacilityKind.SCHOOL, FacilityArea.NON_PUBLIC));
    assertThat(r.getFacilityKind()).isEqualTo(FacilityKind.SCHOOL);
    assertThat(r.getFacilityArea()).isEqualTo(FacilityArea.NON_PUBLIC);
    assertThat(r.getImmigrationRelated()).isTrue();
    assertThat(r.getDecisionHours()).isEqualTo(24);
  }

  @Test
  void anIceRequestForAccessToAHealthFacilityIsImmigrationRelatedAndDecidedWithin24Hours() {
    FederalRequest r = submitted(input(Agency.ICE_ERO, RequestType.FACILITY_ACCESS, PrimaryPurpose.NOT_STATED,
        FacilityKind.HEALTH_FACILITY, FacilityArea.PUBLIC));
    assertThat(r.getImmigrationRelated()).isTrue();
    assertThat(r.getDecisionHours()).isEqualTo(24);
  }

  @Test
  void aDetainerNeedsNoPrimaryPurposeAndStoresNoneWhenNotGiven() {
    FederalRequest r = submitted(input(Agency.ICE_ERO, RequestType.DETAINER, null, null, null));
    assertThat(r.getPrimaryPurpose()).isNull();
    assertThat(r.getImmigrationRelated()).isTrue();
    assertThat(r.getDecisionHours()).isEqualTo(48);
  }

  @Test
  void aJointOperationWithoutAPrimaryPurposeIsRefusedNamingTheFieldAndNothingIsStored() {
    assertRefusedAndNothingStored(input(Agency.FBI, RequestType.JOINT_OPERATION, null, null, null), "primaryPurpose");
  }

  @Test
  void aFacilityAccessRequestWithoutTheAreaIsRefusedNamingTheField() {
    assertRefusedAndNothingStored(input(Agency.ICE_ERO, RequestType.FACILITY_ACCESS,
        PrimaryPurpose.IMMIGRATION_ENFORCEMENT, FacilityKind.SCHOOL, null), "facilityArea");
  }

  @Test
  void aFacilityAccessRequestWithoutTheKindOfFacilityOrPurposeIsRefusedNamingBothFields() {
    assertRefusedAndNothingStored(input(Agency.ICE_ERO, RequestType.FACILITY_ACCESS, null, null,
        FacilityArea.NON_PUBLIC), "facilityKind", "primaryPurpose");
  }

  @Test
  void aFacilityOnARequestThatIsNotForFacilityAccessIsRefused() {
    assertRefusedAndNothingStored(input(Agency.FBI, RequestType.JOINT_OPERATION, PrimaryPurpose.CRIMINAL_INVESTIGATION,
        FacilityKind.SCHOOL, FacilityArea.PUBLIC), "facilityKind", "facilityArea");
  }

  @Test
  void theTasklistStartFormRecordsThePrimaryPurposeAndTheFacilityAndKeepsThemOutOfTheProcess() {
    Map<String, Object> form = new HashMap<>();
    form.put("agency", "FBI");
    form.put("requestType", "FACILITY_ACCESS");
    form.put("channel", "IN_PERSON");
    form.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toString());
    form.put("primaryPurpose", "IMMIGRATION_ENFORCEMENT");
    form.put("facilityKind", "HEALTH_FACILITY");
    form.put("facilityArea", "NON_PUBLIC");
    form.put("pii_requesterName", "Agent Form");
    form.put("pii_summary", "Task force asks to enter the clinic's patient wing to arrest a man with a removal order.");
    ProcessInstance pi = as("desk", Groups.POLICE_DESK,
        () -> runtimeService.startProcessInstanceByKey(IntakeService.PROCESS_KEY, form));
    BpmnAwareTests.assertThat(pi).isWaitingAt(VERIFY).hasPassedInOrder(START, REGISTER, CLASSIFY);
    FederalRequest r = requests.requireByReference(pi.getBusinessKey());
    assertThat(r.getPrimaryPurpose()).isEqualTo(PrimaryPurpose.IMMIGRATION_ENFORCEMENT);
    assertThat(r.getFacilityKind()).isEqualTo(FacilityKind.HEALTH_FACILITY);
    assertThat(r.getFacilityArea()).isEqualTo(FacilityArea.NON_PUBLIC);
    assertThat(r.getImmigrationRelated()).isTrue();
    assertThat(r.getDecisionHours()).isEqualTo(24);
    assertThat(runtimeService.getVariables(pi.getId()).keySet())
        .doesNotContain("primaryPurpose", "facilityKind", "facilityArea");
  }

  @Test
  void theTasklistStartFormRefusesAnUnknownPurposeNamingTheField() {
    Map<String, Object> form = new HashMap<>();
    form.put("agency", "FBI");
    form.put("requestType", "JOINT_OPERATION");
    form.put("channel", "IN_PERSON");
    form.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS).toString());
    form.put("primaryPurpose", "SOMETHING_ELSE");
    form.put("pii_requesterName", "Agent Form");
    form.put("pii_summary", "Task force.");
    long before = count();
    assertThatThrownBy(() -> as("desk", Groups.POLICE_DESK,
        () -> runtimeService.startProcessInstanceByKey(IntakeService.PROCESS_KEY, form)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getProblems())
            .extracting(FieldProblem::field).contains("primaryPurpose"));
    assertThat(count()).isEqualTo(before);
  }

  // ------------------------------------------------- the decision, under bpmn/release-rules.dmn

  @Test
  void joiningAnFbiTaskForceWhosePrimaryPurposeIsImmigrationEnforcementIsRefusedAndNothingIsDecided() {
    String reference = atLegalReview(input(Agency.FBI, RequestType.JOINT_OPERATION,
        PrimaryPurpose.IMMIGRATION_ENFORCEMENT, null, null));
    List<FieldProblem> problems = refusedDecision(reference, FederalRequestFixtures.decision(Decision.COMPLY_LIMITED,
        "SB54_7284_6_B3", List.of("JOINT_OPERATION_PARTICIPATION")));
    assertThat(problems).extracting(FieldProblem::reason)
        .anySatisfy(r -> assertThat(r).contains("Rule_release_rules_joint_operation_refused"));
    assertThat(requests.requireByReference(reference).getDecision()).isNull();

    // Declining it is what the law leaves.
    decide(reference, FederalRequestFixtures.decision(Decision.DECLINE, "SB54_7284_6_B3", null));
    assertThat(requests.requireByReference(reference).getDecision()).isEqualTo(Decision.DECLINE);
  }

  @Test
  void joiningAnFbiTaskForceForACriminalInvestigationIsAllowed() {
    String reference = atLegalReview(input(Agency.FBI, RequestType.JOINT_OPERATION,
        PrimaryPurpose.CRIMINAL_INVESTIGATION, null, null));
    decide(reference, FederalRequestFixtures.decision(Decision.COMPLY_LIMITED, "SB54_7284_6_B3",
        List.of("JOINT_OPERATION_PARTICIPATION")));
    assertThat(requests.requireByReference(reference).getDecision()).isEqualTo(Decision.COMPLY_LIMITED);
  }

  @Test
  void aScheduledVisitCannotBeGrantedForANonPublicAreaOfAHealthFacilityRecordedAtIntake() {
    String reference = atLegalReview(input(Agency.FBI, RequestType.FACILITY_ACCESS,
        PrimaryPurpose.CRIMINAL_INVESTIGATION, FacilityKind.HEALTH_FACILITY, FacilityArea.NON_PUBLIC));
    List<FieldProblem> problems = refusedDecision(reference, FederalRequestFixtures.decision(Decision.COMPLY_LIMITED,
        "PUBLIC_INFORMATION", List.of("FACILITY_ACCESS_SCHEDULED")));
    assertThat(problems).extracting(FieldProblem::reason)
        .anySatisfy(r -> assertThat(r).contains("Rule_release_rules_public_area_but_nonpublic_requested"));
  }

  // ---------------------------------------------------------------- helpers

  private String atLegalReview(NewRequest input) {
    FederalRequest r = submitted(input);
    complete(r.getReference(), VERIFY, "verifier", Groups.WARRANT_VERIFIERS, FederalRequestFixtures.noDocumentFinding());
    return r.getReference();
  }

  private void decide(String reference, Map<String, Object> decision) {
    complete(reference, LEGAL_REVIEW, "attorney", Groups.CITY_ATTORNEY, decision);
  }

  private List<FieldProblem> refusedDecision(String reference, Map<String, Object> decision) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> decide(reference, decision));
    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult()
        .getTaskDefinitionKey()).isEqualTo(LEGAL_REVIEW);
    return ((InvalidInputException) thrown).getProblems();
  }

  private void complete(String reference, String taskKey, String user, String group, Map<String, Object> variables) {
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey)
        .singleResult();
    assertThat(task).as("open task %s of %s", taskKey, reference).isNotNull();
    as(user, group, () -> {
      taskService.complete(task.getId(), variables);
      return null;
    });
  }

  private static NewRequest input(Agency agency, RequestType type, PrimaryPurpose purpose, FacilityKind kind,
      FacilityArea area) {
    return new NewRequest(agency, type, Channel.IN_PERSON,
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS),
        new NewRequest.Requester("Task Force Agent", "TF-77", "+1 (213) 555-0177", null), null, List.of(),
        "Task force asks for officers to help arrest people with final removal orders.", purpose, kind, area);
  }

  private FederalRequest submitted(NewRequest input) {
    IntakeService.Submission s = as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null));
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(s.processInstanceId())
        .singleResult();
    BpmnAwareTests.assertThat(pi).isWaitingAt(VERIFY).hasPassedInOrder(START, REGISTER, CLASSIFY);
    assertThat(transparencyLog.forReference(s.reference())).extracting(e -> e.eventType())
        .containsExactly("RECEIVED", "CLASSIFIED");
    return requests.requireByReference(s.reference());
  }

  private void assertRefusedAndNothingStored(NewRequest input, String... fields) {
    long before = count();
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(IntakeService.PROCESS_KEY).count();
    assertThatThrownBy(() -> as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getProblems())
            .extracting(FieldProblem::field).contains(fields));
    assertThat(count()).isEqualTo(before);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(IntakeService.PROCESS_KEY).count())
        .isEqualTo(instances);
  }

  private long count() {
    return jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class);
  }

  private <T> T as(String user, String group, Supplier<T> action) {
    return AsUser.run(identityService, user, group, action);
  }
}
