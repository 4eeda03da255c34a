package org.sanctuarycity.workflow.review;

import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.RequestLog;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_EscalateLegalReview, on the non-interrupting overdue timer: the open legal review stays
 * where it is and also becomes visible to the city attorney's supervisors. Writes ESCALATED.
 */
@Component
public class EscalateLegalReviewDelegate implements JavaDelegate {

  public static final String LEGAL_REVIEW_TASK = "UserTask_LegalReview";

  private final FederalRequests requests;
  private final RequestLog log;

  public EscalateLegalReviewDelegate(FederalRequests requests, RequestLog log) {
    this.requests = requests;
    this.log = log;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(LEGAL_REVIEW_TASK).active().list()) {
      tasks.addCandidateGroup(task.getId(), Groups.CITY_ATTORNEY_SUPERVISORS);
      if (task.getPriority() < 100) {
        tasks.setPriority(task.getId(), 100);
      }
    }
    log.record(request, EventType.ESCALATED, Actor.SYSTEM, request.getId());
  }
}
