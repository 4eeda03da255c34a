package org.sanctuarycity.workflow.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.contact.ContactCodes.AgentsIdentified;
import org.sanctuarycity.workflow.contact.ContactCodes.ContactKind;
import org.sanctuarycity.workflow.contact.ContactCodes.FacesCovered;
import org.sanctuarycity.workflow.contact.ContactCodes.Identification;
import org.sanctuarycity.workflow.contact.ContactCodes.VehicleMarking;
import org.sanctuarycity.workflow.contact.ContactCodes.WarrantKind;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Every path of bpmn/immigration-contact.bpmn, on the engine with the application's delegates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class ContactProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired ContactService contacts;
  @Autowired TransparencyLog log;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void init() {
    AbstractAssertions.init(engine);
  }

  static NewContact contact(boolean requestMade, ContactRequest request) {
    return new NewContact(OffsetDateTime.now(ZoneOffset.UTC).minusHours(2), "6500 block of Pacific Blvd",
        ContactKind.ASSISTANCE_AT_SCENE, Agency.ICE_ERO, Identification.REFUSED, "Agent Quillfeather-Onyx, no badge shown",
        VehicleMarking.UNMARKED, "Two grey SUVs, no plates visible", requestMade,
        requestMade ? "Asked patrol to block the street during an arrest." : null,
        "Officer declined and stayed on the call.", true, 1, true, WarrantKind.ADMINISTRATIVE, request,
        AgentsIdentified.NOT_IDENTIFIED, FacesCovered.ALL_COVERED);
  }

  ProcessInstance instance(ContactService.Submission s) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(s.processInstanceId()).singleResult();
  }

  void complete(ProcessInstance pi, Map<String, Object> vars) {
    Task t = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.complete(t.getId(), vars);
  }

  List<String> events(String reference) {
    return log.forReference(reference).stream().map(TransparencyEntry::eventType).toList();
  }

  @Test
  void aConfirmedReportIsLoggedAndKeepsPersonalDataOutOfTheEngine() {
    ContactService.Submission s = contacts.submit(contact(false, null), "officer");
    ProcessInstance pi = instance(s);
    assertThat(pi).isWaitingAt("UserTask_SupervisorReview").hasBusinessKey(s.reference());
    assertThat(task(pi)).hasCandidateGroup("police-supervisors");
    assertThat(s.reference()).matches("IC-\\d{4}-\\d{5}");

    complete(pi, Map.of("reviewOutcome", "CONFIRM", "pii_reviewNotes", "Complete. Vellichor-note."));

    assertThat(pi).isEnded().hasPassed("ServiceTask_RecordContactReview", "EndEvent_Confirmed");
    assertThat(events(s.reference())).containsExactly("CONTACT_REPORTED", "CONTACT_REVIEWED");
    TransparencyEntry reviewed = log.forReference(s.reference()).get(1);
    assertThat(reviewed.decision()).isEqualTo("CONFIRM");
    assertThat(reviewed.agency()).isEqualTo("ICE_ERO");
    assertThat(reviewed.process()).isEqualTo("immigration-contact");
    assertThat(contacts.requireByReference(s.reference()).getStatus()).isEqualTo(ContactCodes.Status.CONFIRMED);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
        .noneMatch(v -> v.getName().startsWith("pii_"));
    Integer leaks = jdbc.queryForObject("SELECT count(*) FROM act_hi_varinst WHERE text_ LIKE '%Quillfeather%'"
        + " OR text_ LIKE '%Vellichor%'", Integer.class);
    assertThat(leaks).isZero();
  }

  @Test
  void aCorrectionGoesBackToTheReporterAndThenToReview() {
    ContactService.Submission s = contacts.submit(contact(false, null), "officer");
    ProcessInstance pi = instance(s);
    complete(pi, Map.of("reviewOutcome", "REQUEST_CORRECTION", "pii_reviewNotes", "Say which street the SUVs left by."));

    assertThat(pi).isWaitingAt("UserTask_CorrectReport");
    assertThat(task(pi)).isAssignedTo("officer");
    complete(pi, Map.of("pii_vehicleDescription", "Two grey SUVs, left north on Pacific Blvd"));

    assertThat(pi).isWaitingAt("UserTask_SupervisorReview");
    ContactReport c = contacts.requireByReference(s.reference());
    assertThat(c.getVehicleDescription()).contains("left north");
    assertThat(c.getStaffAction()).isEqualTo("Officer declined and stayed on the call.");
    assertThat(c.getCorrections()).isEqualTo(1);

    complete(pi, Map.of("reviewOutcome", "CONFIRM"));
    assertThat(pi).isEnded();
    assertThat(events(s.reference())).containsExactly("CONTACT_REPORTED", "CONTACT_REVIEWED", "CONTACT_CORRECTED",
        "CONTACT_REVIEWED");
  }

  @Test
  void aPossibleImpersonationIsReferredToInvestigations() {
    ContactService.Submission s = contacts.submit(contact(false, null), "officer");
    ProcessInstance pi = instance(s);
    assertThatThrownBy(() -> complete(pi, Map.of("reviewOutcome", "FLAG_IMPERSONATION")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("pii_reviewNotes");

    complete(pi, Map.of("reviewOutcome", "FLAG_IMPERSONATION", "pii_reviewNotes", "Refused ID, unmarked cars."));

    assertThat(pi).isEnded().hasPassed("ServiceTask_ReferToInvestigations", "EndEvent_Referred");
    assertThat(events(s.reference())).containsExactly("CONTACT_REPORTED", "CONTACT_REVIEWED", "IMPERSONATION_REFERRED");
    assertThat(contacts.requireByReference(s.reference()).getStatus())
        .isEqualTo(ContactCodes.Status.REFERRED_FOR_IMPERSONATION);
  }

  @Test
  void anOverdueCorrectionIsEscalatedToPoliceSupervisors() {
    ContactService.Submission s = contacts.submit(contact(false, null), "officer");
    ProcessInstance pi = instance(s);
    complete(pi, Map.of("reviewOutcome", "REQUEST_CORRECTION", "pii_reviewNotes", "Add the time they left."));

    Job timer = managementService.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    assertThat(timer.getDuedate().toInstant())
        .isEqualTo(contacts.requireByReference(s.reference()).getReportDueAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    managementService.executeJob(timer.getId());

    assertThat(pi).isWaitingAt("UserTask_CorrectReport").hasPassed("ServiceTask_EscalateOverdueReport");
    Task t = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(taskService.getIdentityLinksForTask(t.getId())).extracting(IdentityLink::getGroupId)
        .contains("police-supervisors");
    assertThat(t.getPriority()).isEqualTo(100);
    assertThat(events(s.reference())).contains("ESCALATED");
  }

  @Test
  void aReportFiledMoreThan24HoursLateIsMarkedLate() {
    NewContact late = contact(false, null);
    late = new NewContact(OffsetDateTime.now(ZoneOffset.UTC).minusHours(30), late.locationBlock(), late.contactKind(),
        late.agencyClaimed(), late.identification(), null, late.vehiclesMarked(), null, false, null, late.staffAction(),
        false, null, false, null, null, late.agentsIdentified(), late.facesCovered());
    ContactService.Submission s = contacts.submit(late, "officer");
    assertThat(log.forReference(s.reference()).get(0).decision()).isEqualTo("LATE_REPORT");
    assertThat(runtimeService.getVariable(s.processInstanceId(), "reportedLate")).isEqualTo(true);
  }

  @Test
  void aRequestMadeDuringTheContactBecomesAFederalRequestAndOnlyThenIsConfirmed() {
    ContactService.Submission s = contacts.submit(contact(true, null), "officer");
    ProcessInstance pi = instance(s);
    assertThatThrownBy(() -> complete(pi, Map.of("reviewOutcome", "CONFIRM")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("federal request");

    // A joint operation states its primary purpose (Gov. Code 7284.6(b)(3)); without it nothing is converted.
    assertThatThrownBy(() -> contacts.convert(s.reference(), new ContactRequest(RequestType.JOINT_OPERATION, null,
        null, null, null, null), "officer")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("federalRequest.primaryPurpose");
    assertThat(contacts.linkedRequests(s.id())).isEmpty();

    String fr = contacts.convert(s.reference(), new ContactRequest(RequestType.JOINT_OPERATION, null, null, null, null,
        null, PrimaryPurpose.IMMIGRATION_ENFORCEMENT, null, null), "officer");

    assertThat(fr).matches("FR-\\d{4}-\\d{5}");
    assertThat(contacts.linkedRequests(s.id())).containsExactly(fr);
    assertThat(contacts.contactsOfRequest(fr)).containsExactly(s.reference());
    ProcessInstance request = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(fr).singleResult();
    assertThat(request).isWaitingAt("UserTask_VerifyWarrant");
    assertThat(runtimeService.getVariable(request.getId(), "contactReference")).isEqualTo(s.reference());
    assertThat(runtimeService.getVariable(pi.getId(), "linkedRequests")).isEqualTo(fr);
    assertThat(jdbc.queryForObject("SELECT agency || ' ' || channel || ' ' || primary_purpose FROM federal_request "
        + "WHERE reference = ?", String.class, fr)).isEqualTo("ICE_ERO IN_PERSON IMMIGRATION_ENFORCEMENT");

    complete(pi, Map.of("reviewOutcome", "CONFIRM"));
    assertThat(pi).isEnded();
    assertThat(events(s.reference())).containsExactly("CONTACT_REPORTED", "CONTACT_LINKED_REQUEST", "CONTACT_REVIEWED");
  }

  @Test
  void theApiRouteTurnsTheRequestIntoAFederalRequestInTheSameStep() {
    ContactService.Submission s = contacts.submit(contact(true,
        new ContactRequest(RequestType.RECORDS_REQUEST, null, null, null, null, null)), "officer");
    assertThat(s.requestReference()).matches("FR-\\d{4}-\\d{5}");
    assertThat(contacts.contactsOfRequest(s.requestReference())).containsExactly(s.reference());
    complete(instance(s), Map.of("reviewOutcome", "CONFIRM"));
    assertThat(instance(s)).isNull();
  }

  @Test
  void theTasklistStartFormStoresTheReportAndRemovesPersonalFields() {
    Map<String, Object> form = new HashMap<>();
    form.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    form.put("pii_locationBlock", "Florence Ave and Pacific Blvd");
    form.put("contactKind", "DISPATCH_CALL");
    form.put("agencyClaimed", "CBP");
    form.put("identification", "BADGE_ONLY");
    form.put("pii_identificationDetails", "Badge 4471 Zephyrine-Marsh");
    form.put("vehiclesMarked", "MARKED");
    form.put("agentsIdentified", "AGENCY_ONLY");
    form.put("facesCovered", "NONE_COVERED");
    form.put("requestMade", true);
    form.put("pii_agentsRequested", "Asked dispatch for the release date of a person in custody.");
    form.put("pii_staffAction", "Dispatcher referred the caller to the desk.");
    form.put("anyoneDetained", false);
    form.put("warrantShown", false);
    form.put("turnIntoRequest", true);
    form.put("federalRequestType", "RELEASE_NOTIFICATION");

    ProcessInstance pi = runtimeService.startProcessInstanceByKey(ContactService.PROCESS_KEY, form);

    assertThat(pi).isWaitingAt("UserTask_SupervisorReview");
    String reference = pi.getBusinessKey();
    ContactReport c = contacts.requireByReference(reference);
    assertThat(c.getLocationBlock()).isEqualTo("Florence Ave and Pacific Blvd");
    assertThat(contacts.linkedRequests(c.getId())).hasSize(1);
    assertThat(runtimeService.getVariables(pi.getId()).keySet()).noneMatch(k -> k.startsWith("pii_"))
        .doesNotContain("occurredAt", "turnIntoRequest");
    Integer leaks = jdbc.queryForObject("SELECT count(*) FROM act_hi_varinst WHERE text_ LIKE '%Zephyrine%'",
        Integer.class);
    assertThat(leaks).isZero();
  }

  @Test
  void aContactReportRecordsWhetherAgentsIdentifiedThemselvesAndWhetherTheirFacesWereCovered() {
    ContactService.Submission s = contacts.submit(contact(false, null), "officer");
    ContactReport c = contacts.requireByReference(s.reference());
    assertThat(c.getAgentsIdentified()).isEqualTo(AgentsIdentified.NOT_IDENTIFIED);
    assertThat(c.getFacesCovered()).isEqualTo(FacesCovered.ALL_COVERED);
    // Codes (SB 805, SB 627) go into the process like the report's other codes, and into the public log entry.
    assertThat(runtimeService.getVariable(s.processInstanceId(), "agentsIdentified")).isEqualTo("NOT_IDENTIFIED");
    assertThat(runtimeService.getVariable(s.processInstanceId(), "facesCovered")).isEqualTo("ALL_COVERED");
    assertThat(log.forReference(s.reference()).get(0).accessCategory()).isEqualTo("NOT_IDENTIFIED/ALL_COVERED");
  }

  @Test
  void aCorrectionCanChangeWhetherTheAgentsFacesWereCoveredAndKeepsTheOtherAnswer() {
    ContactService.Submission s = contacts.submit(contact(false, null), "officer");
    ContactReport c = contacts.requireByReference(s.reference());
    NewContact change = new NewContact(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, FacesCovered.SOME_COVERED);
    contacts.correct(c.getId(), change);
    ContactReport corrected = contacts.requireByReference(s.reference());
    assertThat(corrected.getFacesCovered()).isEqualTo(FacesCovered.SOME_COVERED);
    assertThat(corrected.getAgentsIdentified()).isEqualTo(AgentsIdentified.NOT_IDENTIFIED);
  }

  @Test
  void theStartFormTurnsAJointOperationIntoAFederalRequestWithItsPrimaryPurpose() {
    Map<String, Object> form = new HashMap<>();
    form.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    form.put("pii_locationBlock", "2500 block of Slauson Ave");
    form.put("contactKind", "ASSISTANCE_AT_SCENE");
    form.put("agencyClaimed", "FBI");
    form.put("identification", "CREDENTIALS_SHOWN");
    form.put("agentsIdentified", "AGENCY_AND_NAME_OR_BADGE");
    form.put("facesCovered", "SOME_COVERED");
    form.put("vehiclesMarked", "MIXED");
    form.put("requestMade", true);
    form.put("pii_agentsRequested", "Task force asked patrol to help arrest people with removal orders.");
    form.put("pii_staffAction", "Sergeant declined and called the desk.");
    form.put("turnIntoRequest", true);
    form.put("federalRequestType", "JOINT_OPERATION");
    form.put("federalRequestPrimaryPurpose", "IMMIGRATION_ENFORCEMENT");

    ProcessInstance pi = runtimeService.startProcessInstanceByKey(ContactService.PROCESS_KEY, form);

    ContactReport c = contacts.requireByReference(pi.getBusinessKey());
    String fr = contacts.linkedRequests(c.getId()).get(0);
    assertThat(jdbc.queryForObject("SELECT request_type || ' ' || primary_purpose || ' ' || immigration_related "
        + "FROM federal_request WHERE reference = ?", String.class, fr))
        .isEqualTo("JOINT_OPERATION IMMIGRATION_ENFORCEMENT true");
    assertThat(runtimeService.getVariables(pi.getId()).keySet()).doesNotContain("federalRequestPrimaryPurpose");
  }

  @Test
  void theStartFormRefusesAJointOperationWithoutItsPrimaryPurposeAndStoresNothing() {
    Map<String, Object> form = new HashMap<>();
    form.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    form.put("pii_locationBlock", "2500 block of Slauson Ave");
    form.put("contactKind", "ASSISTANCE_AT_SCENE");
    form.put("agencyClaimed", "FBI");
    form.put("identification", "CREDENTIALS_SHOWN");
    form.put("agentsIdentified", "AGENCY_AND_NAME_OR_BADGE");
    form.put("facesCovered", "NONE_COVERED");
    form.put("vehiclesMarked", "MARKED");
    form.put("requestMade", true);
    form.put("pii_agentsRequested", "Task force asked patrol for help.");
    form.put("pii_staffAction", "Sergeant called the desk.");
    form.put("turnIntoRequest", true);
    form.put("federalRequestType", "JOINT_OPERATION");
    Long contactsBefore = jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class);
    Long requestsBefore = jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class);
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ContactService.PROCESS_KEY, form))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("federalRequestPrimaryPurpose");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class)).isEqualTo(contactsBefore);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class)).isEqualTo(requestsBefore);
  }

  @Test
  void theStartFormRefusesAReportWithoutTheAgentsIdentificationNamingTheFieldAndStoresNothing() {
    Map<String, Object> form = new HashMap<>();
    form.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    form.put("pii_locationBlock", "Florence Ave and Pacific Blvd");
    form.put("contactKind", "OBSERVED_ENFORCEMENT");
    form.put("agencyClaimed", "ICE_ERO");
    form.put("identification", "REFUSED");
    form.put("facesCovered", "ALL_COVERED");
    form.put("vehiclesMarked", "UNMARKED");
    form.put("pii_staffAction", "Officer observed from across the street.");
    Long before = jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class);
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(ContactService.PROCESS_KEY, form))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("agentsIdentified");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class)).isEqualTo(before);
  }

  @Test
  void aStreetAddressIsRefusedAsLocation() {
    NewContact c = contact(false, null);
    NewContact withAddress = new NewContact(c.occurredAt(), "6512 Pacific Blvd", c.contactKind(), c.agencyClaimed(),
        c.identification(), null, c.vehiclesMarked(), null, false, null, c.staffAction(), false, null, false, null, null,
        c.agentsIdentified(), c.facesCovered());
    assertThatThrownBy(() -> contacts.submit(withAddress, "officer")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("locationBlock");
    NewContact oddBlock = new NewContact(c.occurredAt(), "6512 block of Pacific Blvd", c.contactKind(),
        c.agencyClaimed(), c.identification(), null, c.vehiclesMarked(), null, false, null, c.staffAction(), false, null,
        false, null, null, c.agentsIdentified(), c.facesCovered());
    assertThatThrownBy(() -> contacts.submit(oddBlock, "officer")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("00");
  }
}
