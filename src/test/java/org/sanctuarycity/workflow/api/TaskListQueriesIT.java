package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.platform.TaskQueryPlanning;
import org.sanctuarycity.workflow.security.AuthorizationSetup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The task lists Tasklist and the API show, after TaskQueryPlanning: the same tasks to the same people, the
 * planner setting only inside task-query transactions, and the due-date and subtask indexes in place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskListQueriesIT {

  static final String GROUP_LIST = "/engine-rest/task?candidateGroup=%s&sortBy=dueDate&sortOrder=asc"
      + "&firstResult=0&maxResults=2000";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired FilterService filterService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theGroupListAndTheTasklistFilterShowAVerificationTaskToVerifiersOnly() {
    HttpApi api = new HttpApi(port);
    String key = UUID.randomUUID().toString();
    HttpApi.Answer created = api.post("desk", "/api/requests", FederalRequestApiIT.request(
        "Taskquery Subject-" + key.substring(0, 6), "1990-01-02", true, "DETAINER"), Map.of("Idempotency-Key", key));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String taskId = api.openTask("verifier", created.json().get("reference").asText()).get("id").asText();

    // The query of the bench and of Tasklist's group list, sorted by due date.
    assertThat(ids(api.get("verifier", GROUP_LIST.formatted("warrant-verifiers")))).contains(taskId);
    assertThat(ids(api.get("admin", GROUP_LIST.formatted("warrant-verifiers")))).contains(taskId);
    for (String other : List.of("desk", "attorney", "supervisor", "auditor", "officer")) {
      assertThat(ids(api.get(other, GROUP_LIST.formatted("warrant-verifiers")))).as(other).doesNotContain(taskId);
    }
    // Naming another group's candidate group shows nothing of it either.
    assertThat(ids(api.get("desk", GROUP_LIST.formatted("police-desk")))).doesNotContain(taskId);

    // Tasklist's shared filter (an empty query: the engine's authorization decides), list and count.
    String filterId = filterService.createFilterQuery().filterName(AuthorizationSetup.TASK_FILTER_NAME).singleResult()
        .getId();
    String filterList = "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=2000";
    assertThat(ids(api.get("verifier", filterList))).contains(taskId);
    assertThat(ids(api.get("attorney", filterList))).doesNotContain(taskId);
    assertThat(ids(api.get("desk", filterList))).doesNotContain(taskId);
    assertThat(api.get("verifier", "/engine-rest/filter/" + filterId + "/count").json().get("count").asLong())
        .isPositive();
  }

  @Test
  void taskQueriesTurnOffMaterializeForTheirOwnTransactionOnly() {
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    CommandExecutor tx = config.getCommandExecutorTxRequired();
    Filter filter = filterService.createFilterQuery().filterName(AuthorizationSetup.TASK_FILTER_NAME).singleResult();
    // Several rounds, so a session-wide SET (instead of SET LOCAL) would show up on a reused pooled connection.
    for (int i = 0; i < 12; i++) {
      assertThat(materialAfter(tx, () -> engine.getTaskService().createTaskQuery()
          .taskCandidateGroup("warrant-verifiers").orderByDueDate().asc().listPage(0, 50))).isEqualTo("off");
      assertThat(materialAfter(tx, () -> filterService.listPage(filter.getId(), 0, 15))).isEqualTo("off");
      assertThat(materialAfter(tx, () -> engine.getRepositoryService().createProcessDefinitionQuery().list()))
          .as("a transaction without a task query").isEqualTo("on");
      assertThat(jdbc.queryForObject("SHOW enable_material", String.class)).isEqualTo("on");
    }
  }

  /** enable_material on the engine's connection, in one transaction, after {@code work}. */
  static String materialAfter(CommandExecutor tx, Runnable work) {
    Command<String> command = ctx -> {
      work.run();
      return material(ctx);
    };
    return tx.execute(command);
  }

  @Test
  void theDueDateIndexExistsOnTheEngineTaskTable() {
    assertThat(jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = 'act_ru_task' AND indexname = ?",
        String.class, TaskQueryPlanning.DUE_DATE_INDEX)).singleElement().asString().contains("(due_date_)");
  }

  @Test
  void theSubtaskLookupOfEveryTaskCompletionReadsAnIndexInsteadOfTheWholeTaskTable() {
    // The engine's statement when a task is completed or deleted (Task.xml, selectTasksByParentTaskId), planned
    // as a prepared statement is after a few runs: generically, with the parameter unknown. A sequential scan is
    // made the last resort, so the plan names the index if it can be used for this statement at all.
    String plan = jdbc.execute((ConnectionCallback<String>) c -> {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_seqscan = off");
        s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        s.execute("PREPARE subtasks (varchar) AS select * from ACT_RU_TASK where PARENT_TASK_ID_ = $1");
        StringBuilder lines = new StringBuilder();
        try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE subtasks ('any')")) {
          while (rs.next()) {
            lines.append(rs.getString(1)).append('\n');
          }
        }
        // A prepared statement outlives the transaction; the pooled connection must not keep it.
        s.execute("DEALLOCATE subtasks");
        return lines.toString();
      } finally {
        c.rollback();
        c.setAutoCommit(auto);
      }
    });
    assertThat(plan).contains(TaskQueryPlanning.PARENT_TASK_INDEX).doesNotContain("Seq Scan");
  }

  static String material(CommandContext ctx) {
    try (Statement s = ctx.getDbSqlSession().getSqlSession().getConnection().createStatement();
        ResultSet rs = s.executeQuery("SHOW enable_material")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> ids(HttpApi.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode task : answer.json()) {
      ids.add(task.get("id").asText());
    }
    return ids;
  }
}
