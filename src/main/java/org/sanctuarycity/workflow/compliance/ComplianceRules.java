package org.sanctuarycity.workflow.compliance;

import java.util.Set;
import org.sanctuarycity.workflow.security.Groups;

/**
 * What the guard accepts. The step implementations are part of the rules so that putting the
 * property {@code compliance-step=legal-review} on an arbitrary task does not count as a legal review.
 *
 * @param candidateGroups groups a user task may be offered to
 * @param publishedBeans bean names a delegateExpression may name (delegates and listeners)
 * @param responseDelegates delegates that send or record a response: an element using one is a response step
 * @param decisionLogDelegates delegates that write the decision to the transparency log
 * @param verificationGroups candidate groups a warrant-verification user task must be offered to (one of)
 * @param legalReviewGroups candidate groups a legal-review user task must be offered to (one of)
 */
public record ComplianceRules(Set<String> candidateGroups, Set<String> publishedBeans, Set<String> responseDelegates,
    Set<String> decisionLogDelegates, Set<String> verificationGroups, Set<String> legalReviewGroups) {

  public ComplianceRules {
    candidateGroups = Set.copyOf(candidateGroups);
    publishedBeans = Set.copyOf(publishedBeans);
    responseDelegates = Set.copyOf(responseDelegates);
    decisionLogDelegates = Set.copyOf(decisionLogDelegates);
    verificationGroups = Set.copyOf(verificationGroups);
    legalReviewGroups = Set.copyOf(legalReviewGroups);
  }

  public static final Set<String> DEFAULT_RESPONSE_DELEGATES = Set.of("recordResponseDelegate", "sendResponseDelegate");
  public static final Set<String> DEFAULT_DECISION_LOG_DELEGATES = Set.of("logDecisionDelegate",
      "declineForNoReplyDelegate");

  /** The city's rules for a given set of published beans and allowed groups. */
  public static ComplianceRules of(Set<String> candidateGroups, Set<String> publishedBeans) {
    return new ComplianceRules(candidateGroups, publishedBeans, DEFAULT_RESPONSE_DELEGATES,
        DEFAULT_DECISION_LOG_DELEGATES, Set.of(Groups.WARRANT_VERIFIERS),
        Set.of(Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS));
  }
}
