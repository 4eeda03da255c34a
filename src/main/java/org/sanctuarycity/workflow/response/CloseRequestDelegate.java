package org.sanctuarycity.workflow.response;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.RequestLog;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/** ServiceTask_CloseRequest: the request is answered (and the person notified where required). Writes CLOSED. */
@Component
public class CloseRequestDelegate implements JavaDelegate {

  private final FederalRequests requests;
  private final RequestLog log;

  public CloseRequestDelegate(FederalRequests requests, RequestLog log) {
    this.requests = requests;
    this.log = log;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    request.close(ClockUtil.getCurrentTime().toInstant());
    log.record(request, EventType.CLOSED, Actor.SYSTEM, request.getId());
  }
}
