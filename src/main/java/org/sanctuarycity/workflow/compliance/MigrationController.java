package org.sanctuarycity.workflow.compliance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Moves running instances to another process version, for administrators only (SecurityConfiguration),
 * and refuses a move that would skip a mandatory step. The engine's own /engine-rest/migration/execute
 * is closed, because it moves an instance wherever the plan says: a request waiting in warrant
 * verification could be put straight into legal review or at the response.
 *
 * <p>The body is the one of Camunda's {@code POST /migration/execute}. For every instance and every
 * activity it is in, the activity the plan maps it to is looked up in the target version; every
 * mandatory step (warrant verification, legal review, decision log) that lies on every path from the
 * target's start to that activity must already have been completed by this instance, as a finished,
 * not cancelled, activity classified as that step in the version it ran on. Otherwise the whole call is
 * refused and nothing is migrated. The check and the migration run in one transaction.
 */
@RestController
class MigrationController {

  /** Within the engine's queryMaxResultsLimit (application.yaml). */
  private static final int PAGE = 1000;

  private final RuntimeService runtime;
  private final HistoryService history;
  private final RepositoryService repository;
  private final ComplianceConfiguration.ComplianceGuardFactory guards;
  private final TransactionTemplate transaction;

  MigrationController(RuntimeService runtime, HistoryService history, RepositoryService repository,
      ComplianceConfiguration.ComplianceGuardFactory guards, PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.history = history;
    this.repository = repository;
    this.guards = guards;
    this.transaction = new TransactionTemplate(transactions);
  }

  record Instruction(List<String> sourceActivityIds, List<String> targetActivityIds, Boolean updateEventTrigger) {}

  record Plan(String sourceProcessDefinitionId, String targetProcessDefinitionId, List<Instruction> instructions,
      Map<String, Object> variables) {}

  record MigrationRequest(Plan migrationPlan, List<String> processInstanceIds,
      Map<String, Object> processInstanceQuery, Boolean skipCustomListeners, Boolean skipIoMappings) {}

  record Migrated(String sourceProcessDefinitionId, String targetProcessDefinitionId, List<String> processInstanceIds) {}

  @PostMapping("/api/admin/migrations")
  @ResponseStatus(HttpStatus.OK)
  Migrated migrate(@RequestBody MigrationRequest request) {
    validateShape(request);
    return transaction.execute(status -> {
      MigrationPlan plan = plan(request.migrationPlan());
      List<String> ids = instanceIds(request);
      checkSteps(plan, ids);
      try {
        runtime.newMigration(plan).processInstanceIds(ids).execute();
      } catch (AuthorizationException e) {
        throw e;
      } catch (InvalidInputException e) {
        throw e;
      } catch (ProcessEngineException e) {
        throw InvalidInputException.of("processInstanceIds", "the engine refused the migration: " + e.getMessage());
      }
      return new Migrated(plan.getSourceProcessDefinitionId(), plan.getTargetProcessDefinitionId(), ids);
    });
  }

  private static void validateShape(MigrationRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.migrationPlan() == null) {
      problems.add(new FieldProblem("migrationPlan", "is required"));
    } else {
      Plan plan = request.migrationPlan();
      if (blank(plan.sourceProcessDefinitionId())) {
        problems.add(new FieldProblem("migrationPlan.sourceProcessDefinitionId", "is required"));
      }
      if (blank(plan.targetProcessDefinitionId())) {
        problems.add(new FieldProblem("migrationPlan.targetProcessDefinitionId", "is required"));
      }
      if (plan.variables() != null && !plan.variables().isEmpty()) {
        problems.add(new FieldProblem("migrationPlan.variables",
            "is not supported here: set variables through the process's own steps"));
      }
      List<Instruction> instructions = plan.instructions() == null ? List.of() : plan.instructions();
      for (int i = 0; i < instructions.size(); i++) {
        Instruction in = instructions.get(i);
        if (in == null || in.sourceActivityIds() == null || in.sourceActivityIds().size() != 1
            || blank(in.sourceActivityIds().get(0))) {
          problems.add(new FieldProblem("migrationPlan.instructions[" + i + "].sourceActivityIds",
              "must name exactly one activity"));
        }
        if (in == null || in.targetActivityIds() == null || in.targetActivityIds().size() != 1
            || blank(in.targetActivityIds().get(0))) {
          problems.add(new FieldProblem("migrationPlan.instructions[" + i + "].targetActivityIds",
              "must name exactly one activity"));
        }
      }
    }
    boolean byIds = request.processInstanceIds() != null;
    boolean byQuery = request.processInstanceQuery() != null;
    if (byIds == byQuery) {
      problems.add(new FieldProblem("processInstanceIds", "give either processInstanceIds or processInstanceQuery"));
    } else if (byIds && (request.processInstanceIds().isEmpty()
        || request.processInstanceIds().stream().anyMatch(MigrationController::blank))) {
      problems.add(new FieldProblem("processInstanceIds", "must list at least one instance id, none blank"));
    } else if (byQuery && (request.processInstanceQuery().size() != 1
        || !(request.processInstanceQuery().get("processDefinitionId") instanceof String id) || blank(id))) {
      problems.add(new FieldProblem("processInstanceQuery",
          "only {\"processDefinitionId\": \"...\"} is supported; list other instances in processInstanceIds"));
    }
    // Skipping listeners or input/output mappings would skip the code that records a step.
    if (Boolean.TRUE.equals(request.skipCustomListeners())) {
      problems.add(new FieldProblem("skipCustomListeners", "must be false or absent: listeners record the steps"));
    }
    if (Boolean.TRUE.equals(request.skipIoMappings())) {
      problems.add(new FieldProblem("skipIoMappings", "must be false or absent: mappings provide the steps' inputs"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  /** The plan as the engine builds and validates it; with no instructions, the engine generates them. */
  private MigrationPlan plan(Plan body) {
    try {
      MigrationPlanBuilder builder = runtime.createMigrationPlan(body.sourceProcessDefinitionId(),
          body.targetProcessDefinitionId());
      if (body.instructions() == null || body.instructions().isEmpty()) {
        return builder.mapEqualActivities().updateEventTriggers().build();
      }
      MigrationInstructionBuilder last = null;
      for (Instruction in : body.instructions()) {
        MigrationInstructionBuilder mapped = (last == null ? builder : last)
            .mapActivities(in.sourceActivityIds().get(0), in.targetActivityIds().get(0));
        last = Boolean.TRUE.equals(in.updateEventTrigger()) ? mapped.updateEventTrigger() : mapped;
      }
      return last.build();
    } catch (AuthorizationException e) {
      throw e;
    } catch (ProcessEngineException e) {
      throw InvalidInputException.of("migrationPlan", "the engine refused the plan: " + e.getMessage());
    }
  }

  private List<String> instanceIds(MigrationRequest request) {
    if (request.processInstanceIds() != null) {
      return List.copyOf(new LinkedHashSet<>(request.processInstanceIds()));
    }
    String definition = (String) request.processInstanceQuery().get("processDefinitionId");
    // The engine's query limit (queryMaxResultsLimit) applies: larger sets are migrated in several calls.
    List<String> ids = runtime.createProcessInstanceQuery().processDefinitionId(definition).orderByProcessInstanceId()
        .asc().listPage(0, PAGE).stream().map(ProcessInstance::getId).toList();
    if (ids.isEmpty()) {
      throw InvalidInputException.of("processInstanceQuery", "no running instance of " + definition);
    }
    return ids;
  }

  /** Refuses the whole call if any instance would land past a mandatory step it has not completed. */
  private void checkSteps(MigrationPlan plan, List<String> ids) {
    MandatorySteps mandatory = new MandatorySteps(guards.guard().rules());
    Map<String, BpmnModelInstance> models = new HashMap<>();
    BpmnModelInstance target = model(models, plan.getTargetProcessDefinitionId());
    Map<String, String> targetOf = new HashMap<>();
    for (MigrationInstruction instruction : plan.getInstructions()) {
      targetOf.put(instruction.getSourceActivityId(), instruction.getTargetActivityId());
    }
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      ActivityInstance tree = runtime.getActivityInstance(id);
      if (tree == null) {
        problems.add(new FieldProblem("processInstanceIds[" + i + "]", "instance " + id + " is not running"));
        continue;
      }
      Set<ComplianceStep> done = completedSteps(mandatory, models, id);
      Set<String> checked = new LinkedHashSet<>();
      for (String activity : activeActivities(tree, new ArrayList<>())) {
        String mappedTo = targetOf.get(activity);
        if (mappedTo == null || !checked.add(activity)) {
          continue; // unmapped activities are refused by the engine itself
        }
        for (ComplianceStep step : mandatory.requiredBefore(target, mappedTo)) {
          if (!done.contains(step)) {
            problems.add(new FieldProblem("processInstanceIds[" + i + "]", "instance " + id + " is at " + activity
                + ", which the plan maps to " + mappedTo + " in " + plan.getTargetProcessDefinitionId()
                + "; every path there passes the " + step.plainName() + ", which this instance has not completed. "
                + "Missing step: " + step.value() + ". Map it to the same step in the new version, or to an "
                + "earlier one."));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private Set<ComplianceStep> completedSteps(MandatorySteps mandatory, Map<String, BpmnModelInstance> models,
      String instanceId) {
    Set<ComplianceStep> done = new LinkedHashSet<>();
    List<HistoricActivityInstance> finished = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      List<HistoricActivityInstance> page = history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
          .finished().orderPartiallyByOccurrence().asc().listPage(first, PAGE);
      finished.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
    }
    for (HistoricActivityInstance h : finished) {
      if (h.isCanceled() || h.getProcessDefinitionId() == null) {
        continue;
      }
      Optional<ComplianceStep> step = mandatory.stepOf(model(models, h.getProcessDefinitionId()), h.getActivityId());
      step.ifPresent(done::add);
    }
    return done;
  }

  private BpmnModelInstance model(Map<String, BpmnModelInstance> models, String definitionId) {
    return models.computeIfAbsent(definitionId, repository::getBpmnModelInstance);
  }

  private static List<String> activeActivities(ActivityInstance instance, List<String> out) {
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      out.add(child.getActivityId());
      activeActivities(child, out);
    }
    for (TransitionInstance transition : instance.getChildTransitionInstances()) {
      out.add(transition.getActivityId());
    }
    return out;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
