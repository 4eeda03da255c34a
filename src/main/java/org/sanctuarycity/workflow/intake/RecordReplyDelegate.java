package org.sanctuarycity.workflow.intake;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/** ServiceTask_RecordReply: the agency replied; writes REPLY_RECEIVED and sends the request back to verification. */
@Component
public class RecordReplyDelegate implements JavaDelegate {

  private final FederalRequests requests;
  private final RequestLog log;
  private final CurrentActor actor;

  public RecordReplyDelegate(FederalRequests requests, RequestLog log, CurrentActor actor) {
    this.requests = requests;
    this.log = log;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    log.record(request, EventType.REPLY_RECEIVED, actor.get(Groups.POLICE_DESK), request.getId());
    request.setStatus(RequestStatus.IN_VERIFICATION);
  }
}
