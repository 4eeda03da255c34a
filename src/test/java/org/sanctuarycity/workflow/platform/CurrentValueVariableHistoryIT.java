package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Variables keep their current value in history; the change-by-change rows of ACT_HI_DETAIL are not written. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CurrentValueVariableHistoryIT {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aChangedVariableHasItsLastValueInHistoryAndNoDetailRows() {
    var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.getHistoryLevel()).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL);
    var tasks = engine.getTaskService();
    Task task = tasks.newTask();
    task.setName("history check");
    tasks.saveTask(task);
    try {
      tasks.setVariable(task.getId(), "decision", "REQUEST_INFO");
      tasks.setVariable(task.getId(), "decision", "DECLINE");

      HistoricVariableInstance current = engine.getHistoryService().createHistoricVariableInstanceQuery()
          .taskIdIn(task.getId()).variableName("decision").singleResult();
      assertThat(current.getValue()).isEqualTo("DECLINE");
      assertThat(engine.getHistoryService().createHistoricDetailQuery().taskId(task.getId()).count()).isZero();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM act_hi_detail WHERE task_id_ = ?", Long.class, task.getId()))
          .isZero();
      // The rest of FULL history is still written, the task instance for one.
      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).count()).isOne();
    } finally {
      tasks.deleteTask(task.getId(), true);
    }
  }
}
