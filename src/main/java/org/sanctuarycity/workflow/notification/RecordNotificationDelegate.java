package org.sanctuarycity.workflow.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.RequestLog;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.StepInputs;
import org.sanctuarycity.workflow.response.RecordResponseDelegate.SentAt;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordNotification, after UserTask_NotifyPerson: the TRUTH Act (Gov. Code 7283.1)
 * requires that the person get a copy of a hold, notification or transfer request and be told the
 * decision. Refuses unless the desk confirms both. Writes PERSON_NOTIFIED.
 */
@Component
public class RecordNotificationDelegate implements JavaDelegate {

  static final List<String> METHODS = List.of("IN_PERSON", "MAIL", "VIA_ATTORNEY", "EMAIL");
  static final String NOTIFIED_AT = "notifiedAt";

  private final FederalRequests requests;
  private final RequestLog log;
  private final CurrentActor actor;
  private final CityProperties city;

  public RecordNotificationDelegate(FederalRequests requests, RequestLog log, CurrentActor actor, CityProperties city) {
    this.requests = requests;
    this.log = log;
    this.actor = actor;
    this.city = city;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    List<FieldProblem> problems = new ArrayList<>();
    StepInputs in = new StepInputs(execution, problems);
    String method = in.requiredCode(ProcessVariables.NOTIFICATION_METHOD, METHODS);
    if (!in.flag(ProcessVariables.COPY_GIVEN)) {
      problems.add(new FieldProblem(ProcessVariables.COPY_GIVEN,
          "the person must receive a copy of the request and be told the decision"));
    }
    Instant at = SentAt.parse(execution.getVariable(NOTIFIED_AT), NOTIFIED_AT, city, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    request.recordNotification(at, method);
    in.consumed(List.of(ProcessVariables.NOTIFICATION_METHOD, ProcessVariables.COPY_GIVEN, NOTIFIED_AT));
    log.record(request, EventType.PERSON_NOTIFIED, actor.get(Groups.POLICE_DESK), request.getId());
  }
}
