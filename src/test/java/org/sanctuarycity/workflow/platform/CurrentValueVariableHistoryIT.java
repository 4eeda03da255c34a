package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Variables keep their current value in history; the change-by-change rows of ACT_HI_DETAIL are not written, and a
 * variable removed in the transaction that set it leaves no row.
 */
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

  @Test
  void aVariableRemovedInTheTransactionThatSetItLeavesNoRowWhileOneRemovedLaterIsKeptAsDeleted() {
    var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var tasks = engine.getTaskService();
    Task task = tasks.newTask();
    task.setName("consumed answer check");
    tasks.saveTask(task);
    try {
      // Names from the federal-request contract: the engine refuses variables no process declares.
      tasks.setVariable(task.getId(), "decision", "CODE");
      // One command: a step that reads a form answer, stores it elsewhere and removes it.
      config.getCommandExecutorTxRequired().execute(context -> {
        TaskEntity entity = context.getTaskManager().findTaskById(task.getId());
        entity.setVariable("issuingBody", "FEDERAL_COURT");
        entity.setVariable("releasedItems", Variables.objectValue(List.of("A", "B"))
            .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
        entity.removeVariable("issuingBody");
        entity.removeVariable("releasedItems");
        return null;
      });
      tasks.removeVariable(task.getId(), "decision");

      assertThat(jdbc.queryForObject("SELECT count(*) FROM act_hi_varinst WHERE task_id_ = ? AND name_ IN (?, ?)",
          Long.class, task.getId(), "issuingBody", "releasedItems")).isZero();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ru_variable WHERE task_id_ = ?", Long.class,
          task.getId())).isZero();
      // Runtime and history byte arrays are both named after the variable.
      assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ge_bytearray WHERE name_ = ?", Long.class,
          "releasedItems")).isZero();
      // A variable that was visible to others between two transactions keeps its history row, marked deleted.
      assertThat(jdbc.queryForObject("SELECT state_ FROM act_hi_varinst WHERE task_id_ = ? AND name_ = ?",
          String.class, task.getId(), "decision")).isEqualTo("DELETED");
    } finally {
      tasks.deleteTask(task.getId(), true);
    }
  }
}
