package org.sanctuarycity.workflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.complaint.ComplaintService;
import org.sanctuarycity.workflow.complaint.NewComplaint;
import org.sanctuarycity.workflow.contact.ContactCodes;
import org.sanctuarycity.workflow.contact.ContactRequest;
import org.sanctuarycity.workflow.contact.ContactService;
import org.sanctuarycity.workflow.contact.NewContact;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * End to end: a contact that turns into a request, a complaint that places a hold, then retention and
 * Camunda's history cleanup with the clock moved six years forward. Held records keep their personal data
 * and their history; unheld ones lose both; every log entry stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class RetentionWithLegalHoldTest {

  @Autowired org.sanctuarycity.workflow.crypto.FieldCipher cipher;
  @Autowired ContactService contacts;
  @Autowired ComplaintService complaints;
  @Autowired RetentionService retention;
  @Autowired LegalHolds holds;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired TransparencyLog log;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ContactService.Submission confirmedContactWithRequest(String marker) {
    NewContact c = new NewContact(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "7000 block of State St",
        ContactCodes.ContactKind.FACILITY_VISIT, Agency.ICE_ERO, ContactCodes.Identification.CREDENTIALS_SHOWN,
        "Agent " + marker, ContactCodes.VehicleMarking.MARKED, null, true, "Asked for the release date of " + marker,
        "Desk took the request.", false, null, true, ContactCodes.WarrantKind.DETAINER,
        new ContactRequest(RequestType.RELEASE_NOTIFICATION, null, null, null, null, null),
        ContactCodes.AgentsIdentified.AGENCY_AND_NAME_OR_BADGE, ContactCodes.FacesCovered.NONE_COVERED);
    ContactService.Submission s = contacts.submit(c, "officer");
    Task review = taskService.createTaskQuery().processInstanceId(s.processInstanceId()).singleResult();
    taskService.complete(review.getId(), Map.of("reviewOutcome", "CONFIRM"));
    return s;
  }

  /** Ends a request's flow (tested end to end in FederalRequestApiIT) and marks it closed. */
  void closeRequest(String reference) {
    String pid = jdbc.queryForObject("SELECT process_instance_id FROM federal_request WHERE reference = ?", String.class,
        reference);
    runtimeService.deleteProcessInstance(pid, "closed for the retention test");
    jdbc.update("UPDATE federal_request SET status = 'CLOSED', closed_at = now() WHERE reference = ?", reference);
  }

  void completeComplaint(String pid) {
    List<Map<String, Object>> steps = List.of(
        Map.of("linkedReferences", "", "investigator", "attorney"),
        Map.of("pii_investigationNotes", "Interviewed the desk officer.", "pii_evidenceList", "Contact report"),
        Map.of("finding", "INCONCLUSIVE", "pii_findingRationale", "Accounts differ."),
        Map.of("pii_responseText", "We could not establish a violation."));
    for (Map<String, Object> vars : steps) {
      Task t = taskService.createTaskQuery().processInstanceId(pid).singleResult();
      taskService.complete(t.getId(), vars);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
  }

  void runAllBatchJobs() {
    for (int round = 0; round < 10; round++) {
      List<Job> jobs = managementService.createJobQuery().list().stream()
          .filter(j -> j.getProcessInstanceId() == null).toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(j -> managementService.executeJob(j.getId()));
    }
  }

  long history(String processInstanceId) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count()
        + historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count();
  }

  @Test
  void heldRecordsSurviveRetentionAndHistoryCleanupWhileUnheldOnesArePurged() {
    ContactService.Submission held = confirmedContactWithRequest("Held-Ozymandias");
    ContactService.Submission free = confirmedContactWithRequest("Free-Thistlewood");
    String heldRequestPid = jdbc.queryForObject("SELECT process_instance_id FROM federal_request WHERE reference = ?",
        String.class, held.requestReference());
    String freeRequestPid = jdbc.queryForObject("SELECT process_instance_id FROM federal_request WHERE reference = ?",
        String.class, free.requestReference());

    // A complaint naming the contact holds the contact, the request it turned into, and itself.
    ComplaintService.Filed complaint = complaints.file(new NewComplaint("es", true, false, null, null, null,
        "State St", "Me detuvieron en la calle.", List.of(held.reference())), "WEB");
    assertThat(holds.active()).extracting(LegalHolds.Hold::reference)
        .contains(held.reference(), held.requestReference(), complaint.reference());
    assertThat(complaints.status(complaint.reference(), complaint.statusToken())).hasValue(
        org.sanctuarycity.workflow.complaint.Complaint.Status.FILED);
    assertThat(complaints.status(complaint.reference(), "wrong-token")).isEmpty();

    closeRequest(held.requestReference());
    closeRequest(free.requestReference());
    completeComplaint(complaint.processInstanceId());
    runAllBatchJobs();

    // Six years later.
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.now(ZoneOffset.UTC).plusYears(6).toInstant()));
    assertThat(retention.due()).extracting(RetentionService.Due::reference)
        .contains(free.reference(), free.requestReference())
        .doesNotContain(held.reference(), held.requestReference(), complaint.reference());
    assertThat(retention.heldButDue()).extracting(RetentionService.Due::reference)
        .contains(held.reference(), held.requestReference(), complaint.reference());

    RetentionService.Run run = retention.run(Actor.SYSTEM);

    assertThat(run.skippedHeld()).isGreaterThanOrEqualTo(3);
    // Stored encrypted: decrypt to show the held text itself survived.
    assertThat(cipher.decrypt(jdbc.queryForObject("SELECT identification_details FROM contact_report WHERE reference = ?",
        String.class, held.reference()))).contains("Held-Ozymandias");
    assertThat(jdbc.queryForObject("SELECT description FROM complaint WHERE reference = ?", String.class,
        complaint.reference())).isNotNull();
    assertThat(jdbc.queryForObject("SELECT requester_name FROM federal_request WHERE reference = ?", String.class,
        held.requestReference())).isNotNull();
    assertThat(jdbc.queryForObject("SELECT identification_details FROM contact_report WHERE reference = ?", String.class,
        free.reference())).isNull();
    assertThat(jdbc.queryForObject("SELECT requester_name FROM federal_request WHERE reference = ?", String.class,
        free.requestReference())).isNull();
    // The de-identified rows and their log entries stay.
    assertThat(jdbc.queryForObject("SELECT agency_claimed FROM contact_report WHERE reference = ?", String.class,
        free.reference())).isEqualTo("ICE_ERO");
    assertThat(log.forReference(free.reference())).extracting(TransparencyEntry::eventType)
        .contains("CONTACT_REPORTED", "CONTACT_REVIEWED");
    assertThat(log.forReference(run.reference())).singleElement()
        .satisfies(e -> assertThat(e.eventType()).isEqualTo("RETENTION_PURGE"));
    assertThat(retention.due()).extracting(RetentionService.Due::reference).doesNotContain(free.reference());

    // Camunda's history cleanup, run now with the clock six years on.
    assertThat(history(free.processInstanceId())).isPositive();
    Job cleanup = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(cleanup.getId());
    assertThat(history(held.processInstanceId())).isPositive();
    assertThat(history(heldRequestPid)).isPositive();
    assertThat(history(complaint.processInstanceId())).isPositive();
    assertThat(history(free.processInstanceId())).isZero();
    assertThat(history(freeRequestPid)).isZero();
  }

  @Test
  void retentionUnderTwoYearsIsRefused() {
    assertThatThrownBy(() -> new RetentionProperties(java.time.Period.parse("P1Y11M"), true, "0 0 1 * * *", true))
        .hasMessageContaining("34090");
    assertThat(new RetentionProperties(java.time.Period.ofYears(2), true, "0 0 1 * * *", true).days()).isGreaterThanOrEqualTo(730);
  }
}
