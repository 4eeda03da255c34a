package org.sanctuarycity.workflow.security;

import static org.sanctuarycity.workflow.security.EngineFields.field;
import static org.sanctuarycity.workflow.security.EngineFields.read;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Jobs that belong to no process, above all the history cleanup that carries out the retention periods, may be
 * changed only by administrators. The engine checks a job's process definition and instance, and a job with
 * neither passed for any signed-in user: desk and auditor could suspend, re-date, zero the retries of, run
 * or delete the history cleanup (issue 23, finding 4). Process jobs keep the engine's own checks; the job
 * executor, which runs with no user, is not affected.
 */
final class SystemJobGuard extends CommandInterceptor {

  private static final List<Class<?>> JOB_COMMANDS = List.of(SetJobRetriesCmd.class, SetJobDuedateCmd.class,
      RecalculateJobDuedateCmd.class, ExecuteJobsCmd.class, DeleteJobCmd.class, DeleteJobsCmd.class,
      SetJobPriorityCmd.class, AbstractSetJobStateCmd.class, UnlockJobCmd.class);

  /** A refusal by this guard; the engine must not count it as a failure of the job. */
  static final class SystemJobRefused extends AuthorizationException {
    SystemJobRefused(String message) {
      super(message);
    }
  }

  private static final Field FAILURE_COLLECTOR = field(FailedJobListener.class, "jobFailureCollector");

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof FailedJobListener listener
        && ((JobFailureCollector) read(FAILURE_COLLECTOR, listener)).getFailure() instanceof SystemJobRefused) {
      // "Execute job" is run through the engine's failure handling, which would take a retry for the refusal:
      // seven refused calls would zero the retries of the history cleanup.
      return null;
    }
    if (JOB_COMMANDS.stream().anyMatch(type -> type.isInstance(command))) {
      CommandContext context = Context.getCommandContext();
      Authentication user = context == null ? null : context.getAuthentication();
      if (user != null && context.isAuthorizationCheckEnabled()
          && !context.getAuthorizationManager().isCamundaAdmin(user)) {
        for (String jobId : jobIds(command)) {
          JobEntity job = context.getJobManager().findJobById(jobId);
          if (job != null && job.getProcessDefinitionKey() == null && job.getProcessInstanceId() == null) {
            throw new SystemJobRefused("Only administrators may change the job " + jobId + " ("
                + job.getJobHandlerType() + "): it belongs to no process, and the retention periods depend on it.");
          }
        }
      }
    }
    return next.execute(command);
  }

  /** The job ids a command names, read from its jobId / jobIds fields wherever in its class tree they are. */
  static List<String> jobIds(Object command) {
    List<String> ids = new ArrayList<>();
    for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals("jobId") || field.getName().equals("jobIds")) {
          Object value = read(field, command);
          if (value instanceof String id) {
            ids.add(id);
          } else if (value instanceof Collection<?> many) {
            many.forEach(id -> ids.add(String.valueOf(id)));
          }
        }
      }
    }
    return ids;
  }
}
