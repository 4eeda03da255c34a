package org.sanctuarycity.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.administrativeFinding;
import static org.sanctuarycity.workflow.process.FederalRequestFixtures.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A timer whose step fails (here: the database refuses the decision's row) is retried with the configured backoff
 * (R3/PT5M), then becomes an incident for Cockpit; nothing half is written, and once the cause is fixed the request
 * resumes where it stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class FailingJobsTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
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

  @Test
  void aFailingReplyDeadlineIsRetriedFiveMinutesApartThenBecomesAnIncidentAndResumesOnceFixed() {
    ProcessInstance instance = awaitingReply();
    String reference = instance.getBusinessKey();
    List<String> eventsBefore = events(reference);
    int reviewsBefore = reviews(reference);

    jdbc.execute("ALTER TABLE legal_review ADD CONSTRAINT fault_injection CHECK (false) NOT VALID");
    int attempts = 0;
    try {
      Job job = deadline(instance);
      while (job.getRetries() > 0 && attempts < 5) {
        Instant failedAt = Instant.now();
        String id = job.getId();
        assertThatThrownBy(() -> managementService.executeJob(id)).isNotNull();
        attempts++;
        job = deadline(instance);
        if (job.getRetries() > 0) {
          assertThat(job.getDuedate().toInstant()).as("next attempt after attempt %d", attempts)
              .isBetween(failedAt.plus(Duration.ofMinutes(5)).minusSeconds(5),
                  failedAt.plus(Duration.ofMinutes(5)).plusSeconds(30));
        }
        // Nothing half-done after any failed attempt.
        assertThat(events(reference)).isEqualTo(eventsBefore);
        assertThat(reviews(reference)).isEqualTo(reviewsBefore);
        assertThat(requests.requireByReference(reference).getDecision()).isEqualTo(Decision.REQUEST_INFO);
      }
      assertThat(attempts).as("attempts before the incident").isEqualTo(3);
      List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).list();
      assertThat(incidents).singleElement().satisfies(i -> {
        assertThat(i.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(i.getActivityId()).isEqualTo("CatchEvent_ReplyDeadline");
      });
    } finally {
      jdbc.execute("ALTER TABLE legal_review DROP CONSTRAINT fault_injection");
    }

    // Fixed: an administrator retries it in Cockpit (one more retry), and the request goes on.
    Job job = deadline(instance);
    managementService.setJobRetries(job.getId(), 1);
    managementService.executeJob(job.getId());
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
    BpmnAwareTests.assertThat(instance).isWaitingAt("UserTask_SendResponse");
    assertThat(requests.requireByReference(reference).getDecision()).isEqualTo(Decision.DECLINE);
    assertThat(events(reference)).containsSubsequence("DECIDED", "DECIDED").endsWith("DECIDED");
    assertThat(reviews(reference)).isEqualTo(reviewsBefore + 1);
  }

  private ProcessInstance awaitingReply() {
    NewRequest input = new NewRequest(Agency.ICE_HSI, RequestType.ADMINISTRATIVE_SUBPOENA, Channel.MAIL,
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS),
        new NewRequest.Requester("Agent Retry", "B-5", "+1 (213) 555-0105", "hsi@example.gov"),
        new NewRequest.Subject("Retry Subject", LocalDate.of(1970, 7, 7), null, false, null),
        List.of(), "Subpoena by mail.", null, null, null);
    IntakeService.Submission s = as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null));
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(s.processInstanceId())
        .singleResult();
    complete(instance, "UserTask_VerifyWarrant", "verifier", Groups.WARRANT_VERIFIERS, administrativeFinding());
    complete(instance, "UserTask_LegalReview", "attorney", Groups.CITY_ATTORNEY,
        decision(Decision.REQUEST_INFO, "ORDINANCE_2025_06", null));
    BpmnAwareTests.assertThat(instance).isWaitingAt("Gateway_AwaitReply");
    return instance;
  }

  private Job deadline(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId("CatchEvent_ReplyDeadline")
        .singleResult();
  }

  private int reviews(String reference) {
    return jdbc.queryForObject("SELECT count(*) FROM legal_review r JOIN federal_request f ON f.id = r.request_id"
        + " WHERE f.reference = ?", Integer.class, reference);
  }

  private List<String> events(String reference) {
    return transparencyLog.forReference(reference).stream().map(TransparencyEntry::eventType).toList();
  }

  private void complete(ProcessInstance instance, String taskKey, String user, String group, Map<String, Object> vars) {
    Task task = BpmnAwareTests.task(taskKey, instance);
    as(user, group, () -> {
      taskService.complete(task.getId(), vars);
      return null;
    });
  }

  private <T> T as(String user, String group, Supplier<T> action) {
    return AsUser.run(identityService, user, group, action);
  }
}
