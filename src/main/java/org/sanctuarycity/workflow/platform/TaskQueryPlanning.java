package org.sanctuarycity.workflow.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Tasklist's task queries, and the completion of a task, fast with many open tasks while engine
 * authorization is on.
 *
 * <p>With authorization on, the engine joins every task to ACT_RU_AUTHORIZATION on
 * {@code RESOURCE_ID_ IN (task id, process definition key, '*')}, and the engine writes one TASK authorization
 * per candidate group of every open task. PostgreSQL cannot hash or merge a join on an OR of three columns, so
 * it is a nested loop; and it estimates the permission test {@code PERMS_ & n = n} at 0.5 %, so it expects a
 * handful of authorization rows and scans a materialized copy of all of the group's task authorizations once
 * per task: open tasks x authorizations comparisons (10,000 x 10,000 took 45 s), then sorts every visible
 * task before the page is cut. Two changes, neither touching what anyone may see:
 *
 * <ul>
 *   <li>In the transaction of a task query (or a Tasklist filter), {@code SET LOCAL enable_material = off}.
 *       The planner then looks each task's authorizations up through the engine's own index on
 *       ACT_RU_AUTHORIZATION.RESOURCE_ID_ (three index probes per task) instead of rescanning them all.
 *       LOCAL ends with the transaction, so the application's other statements keep the default planner.</li>
 *   <li>An index on ACT_RU_TASK.DUE_DATE_ (the engine has none), so a page sorted by due date, the order of
 *       the group filter and of the API, is read in order and the query stops after one page. Tasklist's
 *       default order, by creation time, already has the engine's ACT_IDX_TASK_CREATE.</li>
 * </ul>
 *
 * <p>And one for writes: when a task is completed or deleted, the engine looks for its subtasks
 * ({@code select * from ACT_RU_TASK where PARENT_TASK_ID_ = ?}) and has no index for it, so every completion read
 * the whole task table: 2.1 ms per completion with 5,000 open tasks in the benchmark, the most expensive statement
 * of a request, growing with the task list. The index is partial (only subtasks, which the federal-request flow
 * never creates), so it costs tasks nothing to write and is empty here; the engine's equality test on a parameter
 * implies NOT NULL, so the planner uses it.
 */
public final class TaskQueryPlanning extends AbstractProcessEnginePlugin {

  /** Not an ACT_ name, so an engine upgrade never collides with it. */
  public static final String DUE_DATE_INDEX = "app_idx_task_due_date";

  /** The subtask lookup's index; not an ACT_ name either. */
  public static final String PARENT_TASK_INDEX = "app_idx_task_parent";

  static final String PLANNER_SETTING = "SET LOCAL enable_material = off";

  private static final Logger log = LoggerFactory.getLogger(TaskQueryPlanning.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    // "Post" interceptors run inside the command context and its transaction, so SET LOCAL lands on the
    // connection and in the transaction the query itself uses.
    List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    post.add(new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(post);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    // Here, not in a Flyway migration: Flyway may run before the engine has created ACT_RU_TASK on a fresh
    // database, while this runs after the engine's schema update, at every start (IF NOT EXISTS).
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_TASK";
    try (Connection c = configuration.getDataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE INDEX IF NOT EXISTS " + DUE_DATE_INDEX + " ON " + table + " (DUE_DATE_)");
      s.execute("CREATE INDEX IF NOT EXISTS " + PARENT_TASK_INDEX + " ON " + table + " (PARENT_TASK_ID_)"
          + " WHERE PARENT_TASK_ID_ IS NOT NULL");
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the indexes " + DUE_DATE_INDEX + " and " + PARENT_TASK_INDEX
          + " on ACT_RU_TASK", e);
    }
    log.info("Task table: indexes {} (DUE_DATE_) and {} (PARENT_TASK_ID_) present", DUE_DATE_INDEX,
        PARENT_TASK_INDEX);
  }

  /** Whether a command runs the engine's task query (directly, through the API, or as a Tasklist filter). */
  static boolean runsTaskQuery(Command<?> command) {
    return command instanceof TaskQueryImpl || command instanceof AbstractExecuteFilterCmd;
  }

  static final class Interceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      if (runsTaskQuery(command)) {
        plan(Context.getCommandContext());
      }
      return next.execute(command);
    }

    private static void plan(CommandContext context) {
      // The engine's own connection for this command: the one the query will run on.
      Connection c = context.getDbSqlSession().getSqlSession().getConnection();
      try (Statement s = c.createStatement()) {
        s.execute(PLANNER_SETTING);
      } catch (SQLException e) {
        throw new IllegalStateException("could not set the planner for the task query", e);
      }
    }
  }
}
