package org.sanctuarycity.workflow.intake;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.FormValues;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.FacilityArea;
import org.sanctuarycity.workflow.policy.FacilityKind;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * Start listener of StartEvent_RequestReceived. When the desk starts a request from the Tasklist
 * start form, the form's fields arrive as process variables. This moves them into the application's
 * tables (same rules as the API) and removes them all from the process in the same transaction, so they
 * are written neither to the runtime tables nor to history (CurrentValueVariableHistory; for personal fields
 * PersonalDataHistoryFilter as well). The process then carries the same two variables as one started by the API.
 * Requests started through the API already carry a requestId and pass through untouched.
 */
@Component
public class IntakeFormCaptureListener implements ExecutionListener {

  private final IntakeService intake;
  private final CurrentActor actor;
  private final CityProperties city;

  public IntakeFormCaptureListener(IntakeService intake, CurrentActor actor, CityProperties city) {
    this.intake = intake;
    this.actor = actor;
    this.city = city;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.hasVariable(ProcessVariables.REQUEST_ID)) {
      return;
    }
    Map<String, Object> vars = execution.getVariables();
    List<FieldProblem> problems = new ArrayList<>();
    NewRequest input = new NewRequest(
        enumValue(Agency.class, vars, "agency", problems),
        enumValue(RequestType.class, vars, "requestType", problems),
        enumValue(Channel.class, vars, "channel", problems),
        FormValues.dateTime(vars, "receivedAt", problems, city.zone()),
        new NewRequest.Requester(text(vars, "pii_requesterName"), text(vars, "pii_requesterBadge"),
            text(vars, "pii_requesterPhone"), text(vars, "pii_requesterEmail")),
        new NewRequest.Subject(text(vars, "pii_subjectFullName"), date(vars, "pii_subjectDateOfBirth", problems),
            text(vars, "pii_subjectBookingNumber"), Boolean.TRUE.equals(vars.get("subjectInCustody")),
            FormValues.dateTime(vars, "pii_subjectScheduledRelease", problems, city.zone())),
        documents(vars, problems),
        text(vars, "pii_summary"),
        enumValue(PrimaryPurpose.class, vars, "primaryPurpose", problems),
        enumValue(FacilityKind.class, vars, "facilityKind", problems),
        enumValue(FacilityArea.class, vars, "facilityArea", problems));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    FederalRequest request = intake.store(input, actor.get(Groups.POLICE_DESK).userId(), null);
    // Every field is now in the application's tables, personal or not; removed in the transaction that set
    // them, they leave no runtime or history row.
    execution.removeVariables(List.copyOf(execution.getVariableNames()));
    execution.setProcessBusinessKey(request.getReference());
    execution.setVariables(IntakeService.startVariables(request));
  }

  private List<NewRequest.Document> documents(Map<String, Object> vars, List<FieldProblem> problems) {
    String form = text(vars, "docFormNumber");
    String issuedBy = text(vars, "pii_docIssuedBy");
    String signedBy = text(vars, "pii_docSignedBy");
    String title = text(vars, "pii_docSignerTitle");
    LocalDate issuedOn = date(vars, "docIssuedOn", problems);
    if (form == null && issuedBy == null && signedBy == null && title == null && issuedOn == null) {
      return List.of();
    }
    return List.of(new NewRequest.Document(form, issuedBy, signedBy, title, issuedOn));
  }

  private static String text(Map<String, Object> vars, String name) {
    Object v = vars.get(name);
    return v == null ? null : v.toString();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, Object> vars, String name,
      List<FieldProblem> problems) {
    String v = text(vars, name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(name, "is not a known value"));
      return null;
    }
  }

  private static LocalDate date(Map<String, Object> vars, String name, List<FieldProblem> problems) {
    String v = text(vars, name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(name, "is not a date (YYYY-MM-DD)"));
      return null;
    }
  }
}
