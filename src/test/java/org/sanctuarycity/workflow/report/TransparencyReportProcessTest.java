package org.sanctuarycity.workflow.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.transparency.LogSigningKey;
import org.sanctuarycity.workflow.transparency.PublicReport;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** bpmn/transparency-report.bpmn on the engine: timer start, frozen snapshot, review, signed publication. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class TransparencyReportProcessTest {

  static final String KEY = "transparency-report";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired ReportSnapshots snapshots;
  @Autowired PublicReport publicReport;
  @Autowired LogSigningKey key;
  @Autowired TransparencyLog log;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @BeforeEach
  void init() {
    AbstractAssertions.init(engine);
  }

  @AfterEach
  void logout() {
    identityService.clearAuthentication();
  }

  void completeAsAttorney(ProcessInstance pi, Map<String, Object> vars) {
    Task t = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    identityService.setAuthentication("attorney", List.of("city-attorney"));
    try {
      taskService.complete(t.getId(), vars);
    } finally {
      identityService.clearAuthentication();
    }
  }

  void fireQuarterlyTimer() {
    Job timer = managementService.createJobQuery().timers().activityId("StartEvent_Quarterly").singleResult();
    assertThat(timer).as("the quarterly timer start job").isNotNull();
    managementService.executeJob(timer.getId());
  }

  Map<String, Object> row(long id) {
    return jdbc.queryForMap("SELECT * FROM transparency_report WHERE id = ?", id);
  }

  @Test
  void theQuarterlyTimerDraftsTheLastQuarterAndPublishesItSignedAfterReview() {
    // Other tests fire every due job, this timer included: find the instance this firing starts.
    java.util.Set<String> before = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream()
        .map(ProcessInstance::getId).collect(java.util.stream.Collectors.toSet());
    fireQuarterlyTimer();
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream()
        .filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    assertThat(pi).isWaitingAt("UserTask_ReviewReport").hasPassed("ServiceTask_DraftReport");
    assertThat(task(pi)).hasCandidateGroup("city-attorney");

    // The previous quarter, frozen exactly as the public JSON computes it, with its SHA-256.
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate from = snapshots.previousQuarter()[0];
    LocalDate to = snapshots.previousQuarter()[1];
    assertThat(from.getDayOfMonth()).isEqualTo(1);
    assertThat((from.getMonthValue() - 1) % 3).isZero();
    assertThat(to.plusDays(1)).isEqualTo(from.plusMonths(3)).isBeforeOrEqualTo(today);
    long id = ((Number) runtimeService.getVariable(pi.getId(), ReportVariables.REPORT_ID)).longValue();
    Map<String, Object> draft = row(id);
    assertThat(draft.get("status")).isEqualTo("DRAFT");
    assertThat(draft.get("reference")).isEqualTo(ReportSnapshots.reference(from, to));
    assertThat((String) draft.get("reference")).matches("TR-\\d{4}-Q[1-4]");
    assertThat(draft.get("report_json")).isEqualTo(publicReport.text(from, to));
    assertThat(draft.get("sha256")).isEqualTo(ReportSnapshots.sha256((String) draft.get("report_json")))
        .isEqualTo(runtimeService.getVariable(pi.getId(), ReportVariables.SHA256));
    assertThat((String) draft.get("report_json")).startsWith("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"");

    // Frozen from the moment it is drafted: the snapshot itself cannot be rewritten, nor the draft deleted.
    assertThatThrownBy(() -> jdbc.update("UPDATE transparency_report SET report_json = '{}' WHERE id = ?", id))
        .isInstanceOf(DataAccessException.class).hasStackTraceContaining("frozen");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM transparency_report WHERE id = ?", id))
        .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");

    completeAsAttorney(pi, Map.of(ReportVariables.OUTCOME, "APPROVE"));

    assertThat(pi).isEnded().hasPassed("ServiceTask_PublishReport", "EndEvent_Published");
    PublishedReport published = snapshots.published(id).orElseThrow();
    assertThat(published.reportJson()).isEqualTo(draft.get("report_json"));
    assertThat(published.sha256()).isEqualTo(draft.get("sha256"));
    assertThat(published.verify(key.publicKey())).as("signature verifies with the log's public key").isTrue();
    assertThat(published.keyId()).isEqualTo(key.keyId());
    // A changed field, or a signature of something else, does not verify.
    assertThat(new PublishedReport(published.id(), published.reference(), published.revision(), published.from(),
        published.to(), "0".repeat(64), published.logSeq(), published.publishedAt(), published.origin(),
        published.keyId(), published.signature(), null, null).verify(key.publicKey())).isFalse();
    assertThat(snapshots.published()).extracting(PublishedReport::id).contains(id);

    // The log has the draft and the publication, each with the snapshot's SHA-256, by role only.
    List<TransparencyEntry> entries = log.forReference(published.reference());
    assertThat(entries).filteredOn(e -> e.eventType().equals("REPORT_DRAFTED"))
        .anyMatch(e -> published.sha256().equals(e.legalBasis()) && e.actorRole().equals("system"));
    List<TransparencyEntry> publication = entries.stream().filter(e -> e.eventType().equals("REPORT_PUBLISHED")).toList();
    assertThat(publication).hasSize(1);
    assertThat(publication.get(0).seq()).isEqualTo(published.logSeq());
    assertThat(publication.get(0).legalBasis()).isEqualTo(published.sha256());
    assertThat(publication.get(0).actorRole()).isEqualTo("city-attorney");
    assertThat(publication.get(0).process()).isEqualTo(KEY);

    // Published reports never change: the database refuses it, whatever the column.
    assertThatThrownBy(() -> jdbc.update("UPDATE transparency_report SET review_note = 'x' WHERE id = ?", id))
        .isInstanceOf(DataAccessException.class).hasStackTraceContaining("PUBLISHED");
    assertThatThrownBy(() -> jdbc.update("UPDATE transparency_report SET signature = ? WHERE id = ?",
        Base64.getDecoder().decode(published.signature()), id)).isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> jdbc.update("DELETE FROM transparency_report WHERE id = ?", id))
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> jdbc.execute("TRUNCATE transparency_report")).isInstanceOf(DataAccessException.class);
    assertThat(row(id).get("report_json")).isEqualTo(draft.get("report_json"));

    // And a published period is not drafted again: the next firing ends at once.
    assertThatThrownBy(() -> snapshots.draft(from, to, null)).isInstanceOf(ConflictException.class);
    long drafts = jdbc.queryForObject("SELECT count(*) FROM transparency_report", Long.class);
    java.util.Set<String> seen = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).list().stream()
        .map(ProcessInstance::getId).collect(java.util.stream.Collectors.toSet());
    fireQuarterlyTimer();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).list())
        .extracting(ProcessInstance::getId).containsExactlyInAnyOrderElementsOf(seen);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_report", Long.class)).isEqualTo(drafts);
  }

  @Test
  void sentBackReportsAreKeptAndRedraftedBeforePublication() {
    ProcessInstance pi = runtimeService.startProcessInstanceByKey(KEY,
        Map.of(ReportVariables.PERIOD_FROM, "2001-01-01", ReportVariables.PERIOD_TO, "2001-03-31"));
    assertThat(pi).isWaitingAt("UserTask_ReviewReport");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getBusinessKey())
        .isEqualTo("TR-2001-Q1");
    long first = ((Number) runtimeService.getVariable(pi.getId(), ReportVariables.REPORT_ID)).longValue();

    // A note is required to send back.
    Task t = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThatThrownBy(() -> taskService.complete(t.getId(), Map.of(ReportVariables.OUTCOME, "SEND_BACK")))
        .hasMessageContaining("reviewNote");
    assertThat(pi).isWaitingAt("UserTask_ReviewReport");

    completeAsAttorney(pi, Map.of(ReportVariables.OUTCOME, "SEND_BACK",
        ReportVariables.NOTE, "Two contact reports of March are being corrected; draft again afterwards."));

    assertThat(pi).isWaitingAt("UserTask_ReviewReport").hasPassed("ServiceTask_RecordSendBack");
    long second = ((Number) runtimeService.getVariable(pi.getId(), ReportVariables.REPORT_ID)).longValue();
    assertThat(second).isNotEqualTo(first);
    assertThat(runtimeService.getVariable(pi.getId(), ReportVariables.REVISION)).isEqualTo(2);
    assertThat(row(first)).containsEntry("status", "SENT_BACK");
    assertThat((String) row(first).get("review_note")).startsWith("Two contact reports");
    assertThatThrownBy(() -> jdbc.update("UPDATE transparency_report SET status = 'PUBLISHED' WHERE id = ?", first))
        .isInstanceOf(DataAccessException.class);
    assertThat(snapshots.published(first)).isEmpty();

    completeAsAttorney(pi, Map.of(ReportVariables.OUTCOME, "APPROVE"));
    assertThat(pi).isEnded();
    PublishedReport p = snapshots.published(second).orElseThrow();
    assertThat(p.revision()).isEqualTo(2);
    assertThat(p.verify(key.publicKey())).isTrue();
    assertThat(log.forReference("TR-2001-Q1")).extracting(TransparencyEntry::eventType)
        .containsExactly("REPORT_DRAFTED", "REPORT_SENT_BACK", "REPORT_DRAFTED", "REPORT_PUBLISHED");

    // Starting again for a published period ends at once; nothing is drafted or logged.
    ProcessInstance again = runtimeService.startProcessInstanceByKey(KEY,
        Map.of(ReportVariables.PERIOD_FROM, "2001-01-01", ReportVariables.PERIOD_TO, "2001-03-31"));
    assertThat(again).isEnded().hasPassed("EndEvent_AlreadyPublished").hasNotPassed("UserTask_ReviewReport");
    assertThat(log.forReference("TR-2001-Q1")).hasSize(4);
  }
}
