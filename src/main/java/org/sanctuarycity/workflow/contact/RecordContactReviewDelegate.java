package org.sanctuarycity.workflow.contact;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.FormValues;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.contact.ContactCodes.ReviewOutcome;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordContactReview, in the transaction of the supervisor's review: stores the outcome and
 * notes, removes the notes from the process, writes CONTACT_REVIEWED. Refuses a review by the reporter, a
 * correction or impersonation flag without notes, and a confirmation of a contact that included a request
 * not yet turned into a federal request (a request is answered only through that flow).
 */
@Component
public class RecordContactReviewDelegate implements JavaDelegate {

  static final String NOTES = "pii_reviewNotes";

  private final ContactService contacts;
  private final ContactLog log;
  private final CurrentActor actor;
  private final Clock clock;

  public RecordContactReviewDelegate(ContactService contacts, ContactLog log, CurrentActor actor, Clock clock) {
    this.contacts = contacts;
    this.log = log;
    this.actor = actor;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ContactReport contact = contacts.require(UUID.fromString((String) execution.getVariable(ContactVariables.CONTACT_ID)));
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    ReviewOutcome outcome = FormValues.enumValue(ReviewOutcome.class, execution.getVariables(),
        ContactVariables.REVIEW_OUTCOME, problems);
    if (outcome == null && problems.isEmpty()) {
      problems.add(new FieldProblem(ContactVariables.REVIEW_OUTCOME, "is required"));
    }
    String notes = TextRules.check(problems, tooLong, NOTES, FormValues.text(execution.getVariables(), NOTES), 4000,
        true, outcome == ReviewOutcome.REQUEST_CORRECTION || outcome == ReviewOutcome.FLAG_IMPERSONATION);
    Actor reviewer = actor.get(Groups.POLICE_SUPERVISORS);
    if (reviewer.userId() != null && reviewer.userId().equals(contact.getReportedBy())) {
      problems.add(new FieldProblem(ContactVariables.REVIEW_OUTCOME, "a report is reviewed by someone other than its reporter"));
    }
    if (outcome == ReviewOutcome.CONFIRM && contact.isRequestMade() && contacts.linkedRequests(contact.getId()).isEmpty()) {
      problems.add(new FieldProblem(ContactVariables.REVIEW_OUTCOME,
          "the contact included a request: turn it into a federal request before confirming"));
    }
    InvalidInputException.refuse(problems, tooLong);
    contact.review(outcome, notes, reviewer.userId(), clock.instant());
    execution.removeVariable(NOTES);
    execution.setVariable(ContactVariables.REVIEW_OUTCOME, outcome.name());
    log.record(contact, EventType.CONTACT_REVIEWED, reviewer, contact.getId(), outcome.name());
  }
}
