package org.sanctuarycity.workflow.retention;

import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.sanctuarycity.workflow.common.ScheduledSlots;
import org.sanctuarycity.workflow.security.Actor;

/**
 * Runs the purge nightly (app.retention.cron) and, at startup, gives the city's processes the same history
 * time to live as the personal-data period, so Camunda's history cleanup (nightly window, batched; see
 * camunda.bpm.generic-properties in application.yaml) removes engine history on the same schedule.
 *
 * <p>Every node of a cluster fires the nightly schedule; {@link ScheduledSlots} lets one of them run the purge,
 * so a night has one retention run and one RETENTION_PURGE entry however many nodes there are.
 */
@Configuration
@EnableScheduling
@Order(10)
public class RetentionScheduler implements ApplicationRunner {

  static final List<String> PROCESSES = List.of("federal-request", "immigration-contact", "complaint");
  private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);

  private final RetentionService retention;
  private final RetentionProperties properties;
  private final RepositoryService repositoryService;
  private final ScheduledSlots slots;
  private final ZoneId zone;

  RetentionScheduler(RetentionService retention, RetentionProperties properties, RepositoryService repositoryService,
      ScheduledSlots slots, @Value("${app.city.zone:America/Los_Angeles}") ZoneId zone) {
    this.retention = retention;
    this.properties = properties;
    this.repositoryService = repositoryService;
    this.slots = slots;
    this.zone = zone;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.alignHistoryTimeToLive()) {
      return;
    }
    int days = properties.days();
    for (ProcessDefinition d : repositoryService.createProcessDefinitionQuery().processDefinitionKeysIn(
        PROCESSES.toArray(String[]::new)).list()) {
      if (d.getHistoryTimeToLive() == null || d.getHistoryTimeToLive() != days) {
        repositoryService.updateProcessDefinitionHistoryTimeToLive(d.getId(), days);
      }
    }
    log.info("Personal data kept {} ({} days); process history time to live set to match", properties.personalData(), days);
  }

  @Scheduled(cron = "${app.retention.cron:0 30 1 * * *}", zone = "${app.city.zone:America/Los_Angeles}")
  void nightly() {
    if (properties.enabled()) {
      slots.runOnce("retention", properties.cron(), zone, () -> retention.run(Actor.SYSTEM)).ifPresentOrElse(
          run -> log.info("Retention run {}: purged {}, skipped under legal hold {}", run.reference(), run.purged(),
              run.skippedHeld()),
          () -> log.info("Retention for this night was run by another node"));
    }
  }
}
