package org.sanctuarycity.workflow.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deployed versions of every process, for administrators only (SecurityConfiguration): who deployed
 * each and when, how many requests run on it, and what the compliance guard says about it today
 * (a version deployed before a rule was added may fail it now; its running requests should be migrated).
 */
@RestController
class ProcessVersionsController {

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final ComplianceConfiguration.ComplianceGuardFactory guards;

  ProcessVersionsController(RepositoryService repository, RuntimeService runtime, HistoryService history,
      ComplianceConfiguration.ComplianceGuardFactory guards) {
    this.repository = repository;
    this.runtime = runtime;
    this.history = history;
    this.guards = guards;
  }

  record ProcessVersion(String key, String name, int version, String versionTag, String processDefinitionId,
      String deploymentId, String deploymentName, String deploymentSource, Instant deployedAt, String deployedBy,
      long runningInstances, boolean compliant, List<String> complianceProblems) {}

  @GetMapping("/api/admin/processes")
  List<ProcessVersion> versions() {
    ComplianceGuard guard = guards.guard();
    List<ProcessVersion> versions = new ArrayList<>();
    for (ProcessDefinition d : repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
        .orderByProcessDefinitionVersion().desc().listPage(0, 500)) {
      Deployment deployment = repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult();
      List<Violation> problems = guard.check(List.of(new ComplianceGuard.Resource(d.getResourceName(),
          bytes(d.getDeploymentId(), d.getResourceName()))), this::latest);
      versions.add(new ProcessVersion(d.getKey(), d.getName(), d.getVersion(), d.getVersionTag(), d.getId(),
          d.getDeploymentId(), deployment == null ? null : deployment.getName(),
          deployment == null ? null : deployment.getSource(),
          deployment == null || deployment.getDeploymentTime() == null ? null : deployment.getDeploymentTime().toInstant(),
          deployedBy(d.getDeploymentId()),
          runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count(),
          problems.isEmpty(), problems.stream().map(Violation::message).toList()));
    }
    return versions;
  }

  /** The user operation log names the user for deployments made over REST, Modeler or Cockpit; a start has none. */
  private String deployedBy(String deploymentId) {
    return history.createUserOperationLogQuery().deploymentId(deploymentId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).listPage(0, 1).stream()
        .map(UserOperationLogEntry::getUserId).filter(u -> u != null).findFirst()
        .orElse("application start (no user)");
  }

  private Optional<Process> latest(String key) {
    ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
    if (d == null) {
      return Optional.empty();
    }
    BpmnModelInstance model = repository.getBpmnModelInstance(d.getId());
    return model.getModelElementById(key) instanceof Process p ? Optional.of(p) : Optional.empty();
  }

  private byte[] bytes(String deploymentId, String resourceName) {
    try (InputStream in = repository.getResourceAsStream(deploymentId, resourceName)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
