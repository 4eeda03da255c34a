package org.sanctuarycity.workflow.transparency;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Signs a checkpoint on the configured schedule (hourly by default); nothing is signed if the log did not grow. */
@Component
class CheckpointScheduler {

  private final Checkpoints checkpoints;

  CheckpointScheduler(Checkpoints checkpoints) {
    this.checkpoints = checkpoints;
  }

  @Scheduled(cron = "${app.transparency.checkpoint-cron:0 0 * * * *}", zone = "UTC")
  void checkpoint() {
    checkpoints.create();
  }
}
