package org.sanctuarycity.workflow.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.contact.ContactCodes;
import org.sanctuarycity.workflow.contact.ContactRequest;
import org.sanctuarycity.workflow.contact.ContactService;
import org.sanctuarycity.workflow.contact.NewContact;
import org.sanctuarycity.workflow.platform.EngineTableScan;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Staff file a complaint on someone's behalf with the Tasklist start form "complaint-intake": the form's
 * values arrive as Tasklist sends them (strings, booleans, a YYYY-MM-DD date) through
 * {@code formService.submitStartForm} under an authenticated user, so the engine's authorization checks
 * apply. The complaint is stored, legal holds are placed at once, and no personal value reaches any ACT_ table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class ComplaintStartFormTest {

  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ComplaintService complaints;
  @Autowired ContactService contacts;
  @Autowired TransparencyLog log;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  ProcessDefinition definition() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(ComplaintService.PROCESS_KEY)
        .latestVersion().singleResult();
  }

  /** Files as Tasklist does: the user's authentication is set, then the start form is submitted. */
  ProcessInstance submitAs(String user, String group, Map<String, Object> form) {
    String definitionId = definition().getId();
    identityService.setAuthentication(user, List.of(group));
    try {
      return formService.submitStartForm(definitionId, form);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** A contact report whose request turned into a federal request: IC- and FR- records to be held. */
  ContactService.Submission contactWithRequest(String marker) {
    NewContact c = new NewContact(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "7000 block of State St",
        ContactCodes.ContactKind.FACILITY_VISIT, Agency.ICE_ERO, ContactCodes.Identification.CREDENTIALS_SHOWN,
        "Agent " + marker, ContactCodes.VehicleMarking.MARKED, null, true, "Asked for a release date",
        "Desk took the request.", false, null, true, ContactCodes.WarrantKind.DETAINER,
        new ContactRequest(RequestType.RELEASE_NOTIFICATION, null, null, null, null, null),
        ContactCodes.AgentsIdentified.AGENCY_AND_NAME_OR_BADGE, ContactCodes.FacesCovered.NONE_COVERED);
    return contacts.submit(c, "officer");
  }

  @Test
  void theStartEventOffersTheComplaintIntakeForm() {
    var data = formService.getStartFormData(definition().getId());
    assertThat(data.getCamundaFormRef()).isNotNull();
    assertThat(data.getCamundaFormRef().getKey()).isEqualTo("complaint-intake");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM act_re_camformdef WHERE key_ = 'complaint-intake'", Integer.class))
        .as("the form is deployed").isPositive();
  }

  @Test
  void theCityAttorneyFilesANamedComplaintThatHoldsTheRecordsItNames() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    ContactService.Submission contact = contactWithRequest("Held-" + marker);
    String name = "Ysolde Brankovich-Tasklist " + marker;
    String phone = "+1 323 555 " + marker;
    String location = "Florence Ave and Pacific Blvd " + marker;
    String description = "The desk told ICE when my cousin would be released, ref " + marker;
    LocalDate incident = LocalDate.now(ZoneOffset.UTC).minusDays(10);
    Map<String, Object> form = new HashMap<>();
    form.put("anonymous", false);
    form.put("filedByAttorney", true);
    form.put("pii_complainantName", name);
    form.put("pii_complainantContact", phone);
    form.put("language", "es");
    form.put("pii_incidentDate", incident.toString());
    form.put("pii_incidentLocation", location);
    form.put("pii_description", description);
    form.put("references", contact.reference());

    ProcessInstance pi = submitAs("attorney", Groups.CITY_ATTORNEY, form);

    // The complaint row, with everything typed into the form.
    String reference = pi.getBusinessKey();
    assertThat(reference).matches("CP-\\d{4}-\\d{5}");
    Complaint c = complaints.requireByReference(reference);
    assertThat(c.getChannel()).isEqualTo("TASKLIST");
    assertThat(c.getLanguage()).isEqualTo("es");
    assertThat(c.isAnonymous()).isFalse();
    assertThat(c.isFiledByAttorney()).isTrue();
    assertThat(c.getComplainantName()).isEqualTo(name);
    assertThat(c.getComplainantContact()).isEqualTo(phone);
    assertThat(c.getIncidentDate()).isEqualTo(incident);
    assertThat(c.getIncidentLocation()).isEqualTo(location);
    assertThat(c.getDescription()).isEqualTo(description);
    assertThat(c.getNamedReferences()).isEqualTo(contact.reference());
    assertThat(c.getProcessInstanceId()).isEqualTo(pi.getId());
    assertThat(c.getStatus()).isEqualTo(Complaint.Status.FILED);

    // Legal holds: the complaint itself, the contact it names and the request that contact turned into.
    List<String> held = jdbc.queryForList("SELECT record_type || ' ' || reference FROM legal_hold"
        + " WHERE complaint_id = ? AND released_at IS NULL ORDER BY record_type", String.class, c.getId());
    assertThat(held).containsExactlyInAnyOrder("COMPLAINT " + reference, "CONTACT_REPORT " + contact.reference(),
        "FEDERAL_REQUEST " + contact.requestReference());
    List<String> placedBy = jdbc.queryForList("SELECT DISTINCT placed_by FROM legal_hold WHERE complaint_id = ?",
        String.class, c.getId());
    assertThat(placedBy).containsExactly("attorney");
    List<TransparencyEntry> entries = log.forReference(reference);
    assertThat(entries).extracting(TransparencyEntry::eventType).containsExactly("COMPLAINT_FILED", "LEGAL_HOLD_PLACED");
    assertThat(entries.get(0).decision()).isNull();
    assertThat(entries.get(0).actorRole()).isEqualTo(Groups.CITY_ATTORNEY);
    assertThat(entries.get(1).decision()).isEqualTo("RECORDS:3");

    // The process waits at triage and carries ids and codes only.
    Task triage = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(triage.getTaskDefinitionKey()).isEqualTo("UserTask_Triage");
    assertThat(runtimeService.getVariables(pi.getId()).keySet())
        .containsExactlyInAnyOrder("complaintId", "reference", "anonymous", "channel", "linkedReferences");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
        .extracting(HistoricVariableInstance::getName).noneMatch(n -> n.startsWith("pii_"));

    // Nothing typed about the complainant is in any engine table (the scan does find the reference).
    assertThat(actTablesContaining(reference)).as("the scan finds the business key, so it does search").isNotEmpty();
    for (String secret : List.of(name, phone, location, description, marker)) {
      assertThat(actTablesContaining(secret)).as("ACT_ tables holding \"" + secret + "\"").isEmpty();
    }
  }

  @Test
  void theDeskFilesAnAnonymousComplaintAndNoNameIsKept() {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> form = new HashMap<>();
    form.put("anonymous", true);
    form.put("filedByAttorney", false);
    // Typed before the box was ticked: an anonymous complaint keeps neither.
    form.put("pii_complainantName", "Should Not Be Kept " + marker);
    form.put("language", "en");
    form.put("pii_description", "An officer called immigration about a man at the bus stop, ref " + marker);

    ProcessInstance pi = submitAs("desk", Groups.POLICE_DESK, form);

    Complaint c = complaints.requireByReference(pi.getBusinessKey());
    assertThat(c.isAnonymous()).isTrue();
    assertThat(c.getComplainantName()).isNull();
    assertThat(c.getComplainantContact()).isNull();
    assertThat(c.getIncidentDate()).isNull();
    assertThat(c.getChannel()).isEqualTo("TASKLIST");
    List<TransparencyEntry> entries = log.forReference(c.getReference());
    assertThat(entries).extracting(TransparencyEntry::eventType).containsExactly("COMPLAINT_FILED", "LEGAL_HOLD_PLACED");
    assertThat(entries.get(0).decision()).isEqualTo("ANONYMOUS");
    assertThat(entries.get(1).decision()).isEqualTo("RECORDS:1");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM legal_hold WHERE complaint_id = ? AND record_type = 'COMPLAINT'",
        Integer.class, c.getId())).isEqualTo(1);
    assertThat(actTablesContaining(marker)).isEmpty();
  }

  @Test
  void theSupervisorsMayFileTooButPatrolOfficersMayNot() {
    Map<String, Object> form = new HashMap<>(Map.of("anonymous", true, "language", "en",
        "pii_description", "Filed by a supervisor for a caller."));
    ProcessInstance pi = submitAs("supervisor", Groups.CITY_ATTORNEY_SUPERVISORS, form);
    assertThat(pi.getBusinessKey()).matches("CP-\\d{4}-\\d{5}");

    for (String group : Groups.COMPLAINT_FILERS) {
      assertThat(startableBy(group)).as("Tasklist offers the complaint to " + group).isTrue();
    }
    assertThat(startableBy(Groups.POLICE_OFFICERS)).as("Tasklist offers the complaint to police-officers").isFalse();
    long before = jdbc.queryForObject("SELECT count(*) FROM complaint", Long.class);
    assertThatThrownBy(() -> submitAs("officer", Groups.POLICE_OFFICERS, form)).isInstanceOf(AuthorizationException.class);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM complaint", Long.class)).isEqualTo(before);
  }

  /** What Tasklist's "Start process" list asks the engine: definitions the user may read and start. */
  boolean startableBy(String group) {
    identityService.setAuthentication("someone", List.of(group));
    try {
      return repositoryService.createProcessDefinitionQuery().processDefinitionKey(ComplaintService.PROCESS_KEY)
          .latestVersion().startablePermissionCheck().startableInTasklist().count() == 1;
    } finally {
      identityService.clearAuthentication();
    }
  }

  @Test
  void anInvalidFormIsRefusedAndNothingIsStored() {
    long before = jdbc.queryForObject("SELECT count(*) FROM complaint", Long.class);
    long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintService.PROCESS_KEY).count();

    Map<String, Object> noDescription = new HashMap<>(Map.of("anonymous", true, "language", "en"));
    assertThatThrownBy(() -> submitAs("attorney", Groups.CITY_ATTORNEY, noDescription))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("description");
    Map<String, Object> badDate = new HashMap<>(Map.of("anonymous", true, "language", "en",
        "pii_description", "Something happened.", "pii_incidentDate", "last tuesday"));
    assertThatThrownBy(() -> submitAs("attorney", Groups.CITY_ATTORNEY, badDate))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("pii_incidentDate");
    Map<String, Object> badLanguage = new HashMap<>(Map.of("anonymous", true, "language", "xx",
        "pii_description", "Something happened."));
    assertThatThrownBy(() -> submitAs("attorney", Groups.CITY_ATTORNEY, badLanguage))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("language");

    assertThat(jdbc.queryForObject("SELECT count(*) FROM complaint", Long.class)).isEqualTo(before);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintService.PROCESS_KEY).count())
        .isEqualTo(instances);
  }

  private List<String> actTablesContaining(String text) {
    return EngineTableScan.actTablesContaining(jdbc, text);
  }
}
