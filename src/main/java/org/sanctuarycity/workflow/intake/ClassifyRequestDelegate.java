package org.sanctuarycity.workflow.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.sanctuarycity.workflow.policy.AccessCategory;
import org.sanctuarycity.workflow.policy.PolicyProperties;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * BusinessRuleTask_ClassifyRequest: evaluates bpmn/request-classification.dmn, sets the deadlines of
 * the following tasks from its hours, sets the case summary the task forms show, and writes CLASSIFIED. The table, not this code, decides.
 */
@Component
public class ClassifyRequestDelegate implements JavaDelegate {

  public static final String DECISION_KEY = "request-classification";
  /** The facilityKind input of a request that is not about a facility. */
  public static final String NO_FACILITY = "NONE";

  private final FederalRequests requests;
  private final RequestLog log;
  private final PolicyProperties policy;
  private final CaseSummary summary;

  public ClassifyRequestDelegate(FederalRequests requests, RequestLog log, PolicyProperties policy,
      CaseSummary summary) {
    this.requests = requests;
    this.log = log;
    this.policy = policy;
    this.summary = summary;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    DecisionService decisions = execution.getProcessEngineServices().getDecisionService();
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION_KEY)
        .variables(Variables.createVariables()
            .putValue(ProcessVariables.REQUEST_TYPE, request.getRequestType().name())
            .putValue(ProcessVariables.AGENCY, request.getAgency().name())
            .putValue(ProcessVariables.SUBJECT_IN_CUSTODY, request.isSubjectInCustody())
            .putValue(ProcessVariables.DOCUMENTS_PRESENTED, !request.getDocuments().isEmpty())
            // The table's inputs are strings and never null: a purpose not given is the code NOT_STATED, so a
            // row can name it and the fast FEEL path answers every cell.
            .putValue(ProcessVariables.PRIMARY_PURPOSE, code(request.getPrimaryPurpose(), PrimaryPurpose.NOT_STATED))
            .putValue(ProcessVariables.FACILITY_KIND, request.getFacilityKind() == null ? NO_FACILITY
                : request.getFacilityKind().name()))
        .evaluate().getSingleResult();
    if (result == null) {
      throw new IllegalStateException("request-classification matched no rule; the table needs a catch-all rule");
    }
    Map<String, Object> out = result.getEntryMap();
    boolean immigrationRelated = Boolean.TRUE.equals(out.get(ProcessVariables.IMMIGRATION_RELATED));
    AccessCategory category = AccessCategory.valueOf((String) out.get(ProcessVariables.ACCESS_CATEGORY));
    boolean notifyPerson = Boolean.TRUE.equals(out.get(ProcessVariables.NOTIFY_PERSON));
    int hours = ((Number) out.get(ProcessVariables.DECISION_HOURS)).intValue();
    Instant decisionDue = request.getReceivedAt().plus(Duration.ofHours(hours));
    Instant verificationDue = request.getReceivedAt()
        .plus(Duration.ofMinutes(Math.round(hours * 60 * policy.verificationShare())));
    request.classify(immigrationRelated, category, notifyPerson, hours, verificationDue, decisionDue);
    // Only what the BPMN routes on and its timers read; the rest of the classification is in federal_request
    // and the CLASSIFIED entry.
    execution.setVariable(ProcessVariables.NOTIFY_PERSON, notifyPerson);
    execution.setVariable(ProcessVariables.VERIFICATION_DUE_AT, Date.from(verificationDue));
    execution.setVariable(ProcessVariables.DECISION_DUE_AT, Date.from(decisionDue));
    // What the forms' summary shows, in words (the forms can show variables only).
    execution.setVariables(summary.variables(request, verificationDue, decisionDue));
    log.record(request, EventType.CLASSIFIED, Actor.SYSTEM, request.getId());
    request.setStatus(RequestStatus.IN_VERIFICATION);
  }

  private static String code(Enum<?> value, Enum<?> ifNull) {
    return (value == null ? ifNull : value).name();
  }
}
