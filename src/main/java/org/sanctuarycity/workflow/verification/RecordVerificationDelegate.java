package org.sanctuarycity.workflow.verification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.RequestLog;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.RuleBook;
import org.sanctuarycity.workflow.policy.StepInputs;
import org.sanctuarycity.workflow.policy.WarrantFinding;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordVerification, right after UserTask_VerifyWarrant in the same transaction:
 * checks the answers against bpmn/verification-rules.dmn, stores them with who and when, and writes
 * WARRANT_VERIFIED. Refused answers roll back the task completion.
 */
@Component
public class RecordVerificationDelegate implements JavaDelegate {

  static final List<String> ISSUING_BODIES = List.of("FEDERAL_COURT", "STATE_COURT", "DHS_ICE", "OTHER_AGENCY", "NONE");
  static final List<String> SIGNERS = List.of("FEDERAL_JUDGE", "MAGISTRATE_JUDGE", "STATE_JUDGE", "IMMIGRATION_JUDGE",
      "IMMIGRATION_OFFICER", "OTHER", "NONE");
  static final List<String> FORM_CHECKS = List.of("ADMINISTRATIVE_FORM", "COURT_DOCUMENT", "OTHER", "NONE");
  static final List<String> BASIS_CHECKS = List.of("CRIMINAL_PROBABLE_CAUSE", "CIVIL_REMOVABILITY", "UNCLEAR", "NONE");
  static final String NOTES = "pii_verificationNotes";
  /**
   * The answers stored in warrant_verification and removed from the process: the checks and the notes.
   * warrantFinding and requesterVerified stay as process variables.
   */
  static final List<String> STORED_ANSWERS = List.of("issuingBody", "signer", "formNumberCheck", "legalBasisCheck",
      "particularityOk", "notExpired", "federalCriminalLaw", "callbackDone", "badgeChecked", "supervisorConfirmed",
      NOTES);

  private final FederalRequests requests;
  private final WarrantVerificationRepository repository;
  private final RuleBook rules;
  private final RequestLog log;
  private final CurrentActor actor;

  public RecordVerificationDelegate(FederalRequests requests, WarrantVerificationRepository repository,
      RuleBook rules, RequestLog log, CurrentActor actor) {
    this.requests = requests;
    this.repository = repository;
    this.rules = rules;
    this.log = log;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    List<FieldProblem> problems = new ArrayList<>();
    StepInputs in = new StepInputs(execution, problems);
    VerificationChecks checks = new VerificationChecks(
        in.requiredCode("issuingBody", ISSUING_BODIES),
        in.requiredCode("signer", SIGNERS),
        in.requiredCode("formNumberCheck", FORM_CHECKS),
        in.requiredCode("legalBasisCheck", BASIS_CHECKS),
        in.flag("particularityOk"), in.flag("notExpired"), in.flag("federalCriminalLaw"),
        in.flag("callbackDone"), in.flag("badgeChecked"), in.flag("supervisorConfirmed"),
        in.required(WarrantFinding.class, ProcessVariables.WARRANT_FINDING),
        in.requiredFlag(ProcessVariables.REQUESTER_VERIFIED));
    List<FieldProblem> tooLong = new ArrayList<>();
    String notes = TextRules.check(problems, tooLong, NOTES, in.text(NOTES), 4000, true, false);
    problems.addAll(tooLong);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Map<String, Object> facts = new HashMap<>();
    facts.put("requestType", request.getRequestType().name());
    facts.put("issuingBody", checks.issuingBody());
    facts.put("signer", checks.signer());
    facts.put("formNumberCheck", checks.formNumberCheck());
    facts.put("legalBasisCheck", checks.legalBasisCheck());
    facts.put("particularityOk", checks.particularityOk());
    facts.put("notExpired", checks.notExpired());
    facts.put("federalCriminalLaw", checks.federalCriminalLaw());
    facts.put("callbackDone", checks.callbackDone());
    facts.put("warrantFinding", checks.warrantFinding().name());
    facts.put("requesterVerified", checks.requesterVerified());
    rules.enforce(RuleBook.VERIFICATION_RULES, facts);

    Actor who = actor.get(Groups.WARRANT_VERIFIERS);
    WarrantVerification record = repository.save(new WarrantVerification(request.getId(), checks, notes,
        who.userId() == null ? Groups.SYSTEM : who.userId()));
    in.consumed(STORED_ANSWERS);
    request.recordVerification(checks.warrantFinding(), checks.requesterVerified());
    log.record(request, EventType.WARRANT_VERIFIED, who, record.getId());
  }
}
