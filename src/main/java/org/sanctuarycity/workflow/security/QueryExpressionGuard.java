package org.sanctuarycity.workflow.security;

import static org.sanctuarycity.workflow.security.EngineFields.field;
import static org.sanctuarycity.workflow.security.EngineFields.read;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;

/**
 * Refuses every query that carries an expression, in any of its parts. Camunda 7.24 CE checks only the top
 * level of an ad-hoc query and of a stored filter; the parts of a task query's {@code orQueries} were evaluated
 * anyway, which let any signed-in user run code on the server (issue 23, finding 1). This interceptor sits in
 * the engine's command chain, so it holds for /engine-rest, the web apps' /camunda/api/engine and Java callers
 * alike: a task query run as a command, a filter executed with or without an extending query (and with whatever
 * query it was stored with), and a filter being saved.
 *
 * <p>It runs after the command context is opened, because a stored filter's query can only be read inside one.
 */
final class QueryExpressionGuard extends CommandInterceptor {

  private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");
  private static final Field FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");
  private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof AbstractQuery<?, ?> query) {
      refuseExpressions(query, "the query");
    } else if (command instanceof AbstractExecuteFilterCmd filterCommand) {
      refuseExpressions((Query<?, ?>) read(EXTENDING_QUERY, filterCommand), "the query extending the filter");
      String filterId = (String) read(FILTER_ID, filterCommand);
      CommandContext context = Context.getCommandContext();
      if (filterId != null && context != null) {
        FilterEntity stored = context.getFilterManager().findFilterById(filterId);
        if (stored != null) {
          refuseExpressions(stored.getQuery(), "the stored filter \"" + stored.getName() + "\"");
        }
      }
    } else if (command instanceof SaveFilterCmd save) {
      Filter filter = (Filter) read(SAVED_FILTER, save);
      if (filter != null) {
        refuseExpressions(filter.getQuery(), "the filter's query");
      }
    }
    return next.execute(command);
  }

  /** Every expression in the query and in each of its or-parts, named as the REST API names the field. */
  static List<String> expressionsIn(Query<?, ?> query) {
    List<String> found = new ArrayList<>();
    if (query instanceof TaskQueryImpl task) {
      List<TaskQueryImpl> parts = task.getQueries();
      for (int i = 0; i < parts.size(); i++) {
        String where = i == 0 ? "" : "orQueries[" + (i - 1) + "].";
        for (String name : parts.get(i).getExpressions().keySet()) {
          found.add(where + name + "Expression");
        }
      }
    } else if (query instanceof AbstractQuery<?, ?> other) {
      other.getExpressions().keySet().forEach(name -> found.add(name + "Expression"));
    }
    return found;
  }

  private static void refuseExpressions(Query<?, ?> query, String where) {
    if (query == null) {
      return;
    }
    List<String> found = expressionsIn(query);
    if (!found.isEmpty()) {
      throw new BadUserRequestException("Expressions are not allowed in queries or filters: " + where + " has "
          + String.join(", ", found) + ". Give the value itself instead of an expression.");
    }
  }
}
