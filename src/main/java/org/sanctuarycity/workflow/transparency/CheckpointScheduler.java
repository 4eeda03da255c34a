package org.sanctuarycity.workflow.transparency;

import java.time.ZoneOffset;
import org.sanctuarycity.workflow.common.ScheduledSlots;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint on the configured schedule (hourly by default); nothing is signed if the log did not grow.
 * Every node fires the schedule; {@link ScheduledSlots} lets one of them sign, so the published checkpoints
 * follow the schedule rather than the number of nodes (Checkpoints' own lock already keeps two signers apart).
 */
@Component
class CheckpointScheduler {

  private final Checkpoints checkpoints;
  private final ScheduledSlots slots;
  private final String cron;

  CheckpointScheduler(Checkpoints checkpoints, ScheduledSlots slots,
      @Value("${app.transparency.checkpoint-cron:0 0 * * * *}") String cron) {
    this.checkpoints = checkpoints;
    this.slots = slots;
    this.cron = cron;
  }

  @Scheduled(cron = "${app.transparency.checkpoint-cron:0 0 * * * *}", zone = "UTC")
  void checkpoint() {
    slots.runOnce("transparency-checkpoint", cron, ZoneOffset.UTC, checkpoints::create);
  }
}
