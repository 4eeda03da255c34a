package org.sanctuarycity.workflow.compliance;

import java.util.List;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the compliance guard ({@code app.compliance}).
 *
 * @param candidateGroups groups a user task may be offered to; default: the groups in {@link Groups}
 * @param delegates bean names a delegateExpression may use; empty (default) means every bean of the
 *     application that implements JavaDelegate, ExecutionListener or TaskListener
 */
@ConfigurationProperties("app.compliance")
public record ComplianceProperties(List<String> candidateGroups, List<String> delegates) {

  public ComplianceProperties {
    candidateGroups = candidateGroups == null || candidateGroups.isEmpty() ? Groups.ALL : List.copyOf(candidateGroups);
    delegates = delegates == null ? List.of() : List.copyOf(delegates);
  }
}
