package org.sanctuarycity.workflow.consent;

import java.time.Instant;
import java.time.LocalDateTime;
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
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.RequestLog;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.ConsentAnswer;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.StepInputs;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordInterviewConsent, right after UserTask_InterviewConsent in the same transaction: stores
 * the TRUTH Act consent form the desk gave before an ICE interview (Gov. Code 7283.1(a)) — its language, the
 * person's answer, when, who gave it, and an optional note (encrypted) — and writes CONSENT_RECORDED. Only the
 * answer code stays in the process (interviewConsent). A refused answer rolls back the task completion: the
 * task stays open and nothing is stored.
 */
@Component
public class RecordInterviewConsentDelegate implements JavaDelegate {

  static final List<String> STORED_ANSWERS = List.of(ConsentVariables.CONSENT_LANGUAGE,
      ConsentVariables.CONSENT_GIVEN_AT, ConsentVariables.CONSENT_NOTE);

  private final FederalRequests requests;
  private final InterviewConsentRepository repository;
  private final RequestLog log;
  private final CurrentActor actor;
  private final CityProperties city;

  public RecordInterviewConsentDelegate(FederalRequests requests, InterviewConsentRepository repository,
      RequestLog log, CurrentActor actor, CityProperties city) {
    this.requests = requests;
    this.repository = repository;
    this.log = log;
    this.actor = actor;
    this.city = city;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    List<FieldProblem> problems = new ArrayList<>();
    StepInputs in = new StepInputs(execution, problems);
    FormLanguage language = in.required(FormLanguage.class, ConsentVariables.CONSENT_LANGUAGE);
    ConsentAnswer answer = in.required(ConsentAnswer.class, ConsentVariables.INTERVIEW_CONSENT);
    Instant givenAt = givenAt(execution.getVariable(ConsentVariables.CONSENT_GIVEN_AT), problems);
    List<FieldProblem> tooLong = new ArrayList<>();
    String note = TextRules.check(problems, tooLong, ConsentVariables.CONSENT_NOTE,
        in.text(ConsentVariables.CONSENT_NOTE), 2000, true, false);
    InvalidInputException.refuse(problems, tooLong);

    Actor who = actor.get(Groups.POLICE_DESK);
    InterviewConsent record = repository.save(new InterviewConsent(request.getId(), language, answer, givenAt,
        who.userId() == null ? Groups.SYSTEM : who.userId(), note));
    in.consumed(STORED_ANSWERS);
    // The form submitted the answer under this name already; set again so that a value that arrived as
    // something other than a String (a REST client's choice) is kept as the plain code.
    execution.setVariable(ConsentVariables.INTERVIEW_CONSENT, answer.name());
    log.record(request, EventType.CONSENT_RECORDED, who, record.getId());
  }

  /** Empty means now; a time typed without a zone (the Tasklist picker) is city time; never in the future. */
  private Instant givenAt(Object raw, List<FieldProblem> problems) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    if (raw == null || raw.toString().isBlank()) {
      return now;
    }
    Instant at;
    if (raw instanceof Date d) {
      at = d.toInstant();
    } else {
      String text = raw.toString().strip();
      try {
        at = OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          at = LocalDateTime.parse(text).atZone(city.zone()).toInstant();
        } catch (DateTimeParseException e2) {
          problems.add(new FieldProblem(ConsentVariables.CONSENT_GIVEN_AT, "is not a date and time"));
          return null;
        }
      }
    }
    // Five minutes of slack for the clock of the desk's computer.
    if (at.isAfter(now.plusSeconds(300))) {
      problems.add(new FieldProblem(ConsentVariables.CONSENT_GIVEN_AT, "must not be in the future"));
      return null;
    }
    return at;
  }
}
