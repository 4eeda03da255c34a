package org.sanctuarycity.workflow.response;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.RequestLog;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.ResponseMethod;
import org.sanctuarycity.workflow.policy.StepInputs;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordResponse, after UserTask_SendResponse: records when and how the desk sent the
 * response and writes RESPONDED. Refuses unless verification, decision and DECIDED entry exist.
 */
@Component
public class RecordResponseDelegate implements JavaDelegate {

  private final FederalRequests requests;
  private final ResponseGate gate;
  private final RequestLog log;
  private final CurrentActor actor;
  private final CityProperties city;

  public RecordResponseDelegate(FederalRequests requests, ResponseGate gate, RequestLog log, CurrentActor actor,
      CityProperties city) {
    this.requests = requests;
    this.gate = gate;
    this.log = log;
    this.actor = actor;
    this.city = city;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    gate.require(request);
    List<FieldProblem> problems = new ArrayList<>();
    StepInputs in = new StepInputs(execution, problems);
    ResponseMethod method = in.required(ResponseMethod.class, ProcessVariables.RESPONSE_METHOD);
    Instant sentAt = SentAt.parse(execution.getVariable(ProcessVariables.RESPONSE_SENT_AT),
        ProcessVariables.RESPONSE_SENT_AT, city, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    request.recordResponse(sentAt, method.name());
    in.consumed(List.of(ProcessVariables.RESPONSE_METHOD, ProcessVariables.RESPONSE_SENT_AT));
    log.record(request, EventType.RESPONDED, actor.get(Groups.POLICE_DESK), request.getId());
  }

  /** A past or present time from a form: an ISO date-time, a local date-time in the city's zone, or a Date. */
  public static final class SentAt {
    private SentAt() {}

    public static Instant parse(Object raw, String field, CityProperties city, List<FieldProblem> problems) {
      Instant now = ClockUtil.getCurrentTime().toInstant();
      if (raw == null || raw.toString().isBlank()) {
        return now;
      }
      Instant at;
      if (raw instanceof Date d) {
        at = d.toInstant();
      } else {
        try {
          at = OffsetDateTime.parse(raw.toString().strip()).toInstant();
        } catch (DateTimeParseException e) {
          try {
            at = java.time.LocalDateTime.parse(raw.toString().strip()).atZone(city.zone()).toInstant();
          } catch (DateTimeParseException e2) {
            problems.add(new FieldProblem(field, "is not a date and time"));
            return null;
          }
        }
      }
      if (at.isAfter(now.plusSeconds(300))) {
        problems.add(new FieldProblem(field, "must not be in the future"));
        return null;
      }
      return at;
    }
  }
}
