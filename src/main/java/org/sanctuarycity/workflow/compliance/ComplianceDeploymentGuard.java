package org.sanctuarycity.workflow.compliance;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the guard on every new deployment, before the engine's own deployers. Throwing here rolls back
 * the deployment command, so a violating deployment is refused as a whole, whichever way it came:
 * Modeler, the REST API, Cockpit or the application's start.
 */
public class ComplianceDeploymentGuard implements Deployer {

  private static final Logger log = LoggerFactory.getLogger(ComplianceDeploymentGuard.class);

  private final Supplier<ComplianceGuard> guard;

  /** A supplier, because the published beans can only be listed once the application context exists. */
  public ComplianceDeploymentGuard(Supplier<ComplianceGuard> guard) {
    this.guard = guard;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    // Deployers also run when the engine reloads an existing deployment into its cache; only new
    // deployments are judged, and those were all judged when they arrived.
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    List<ComplianceGuard.Resource> resources = deployment.getResources().values().stream()
        .filter(r -> ComplianceGuard.isBpmn(r.getName()) || ComplianceGuard.isDmn(r.getName()))
        .map(r -> new ComplianceGuard.Resource(r.getName(), r.getBytes()))
        .toList();
    if (resources.isEmpty()) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    List<Violation> violations = guard.get().check(resources, key -> deployedProcess(context, key));
    if (!violations.isEmpty()) {
      log.warn("Deployment '{}' refused by the compliance guard: {} problem(s), first: {}", deployment.getName(),
          violations.size(), violations.get(0));
      throw new ComplianceViolationException(violations);
    }
    log.info("Deployment '{}' passed the compliance guard ({} files)", deployment.getName(), resources.size());
  }

  /** The latest deployed version of a called process. Read without the caller's authorizations: it is a check, not a disclosure. */
  private static Optional<Process> deployedProcess(CommandContext context, String key) {
    return context.runWithoutAuthorization(() -> {
      ProcessDefinitionEntity definition = context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
      if (definition == null) {
        return Optional.<Process>empty();
      }
      BpmnModelInstance model = Context.getProcessEngineConfiguration().getDeploymentCache()
          .findBpmnModelInstanceForProcessDefinition(definition);
      ModelElementInstance element = model == null ? null : model.getModelElementById(key);
      return element instanceof Process p ? Optional.of(p) : Optional.<Process>empty();
    });
  }
}
