package org.sanctuarycity.workflow.intake;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.sanctuarycity.workflow.audit.DataAccessLog;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the view of a request, with personal data only for the groups allowed to see it. Every view
 * that carries personal data is recorded in the data-access log, in the same transaction.
 */
@Component
public class RequestViews {

  private final FederalRequests requests;
  private final ReplyService replies;
  private final TransparencyLog log;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final DataAccessLog accessLog;
  private final AuthorizationService authorizations;
  private final RuntimeService runtimeService;

  RequestViews(FederalRequests requests, ReplyService replies, TransparencyLog log, TaskService taskService,
      IdentityService identityService, DataAccessLog accessLog, AuthorizationService authorizations,
      RuntimeService runtimeService) {
    this.requests = requests;
    this.replies = replies;
    this.log = log;
    this.taskService = taskService;
    this.identityService = identityService;
    this.accessLog = accessLog;
    this.authorizations = authorizations;
    this.runtimeService = runtimeService;
  }

  public static boolean mayReadPersonal(Collection<String> groups) {
    return groups.stream().anyMatch(Groups.PERSONAL_DATA_READERS::contains);
  }

  /**
   * Not read-only: the data-access record is written in this transaction, so personal data never
   * leaves without its record. Repeatable read, so the request, its open steps and its log entries are
   * one snapshot: under read committed a step completing between the task query and the log read showed
   * the new log entry beside the step it had just closed.
   */
  @Transactional(isolation = Isolation.REPEATABLE_READ)
  public RequestView view(String reference, String callerId, Collection<String> callerGroups,
      DataAccessLog.Channel channel) {
    FederalRequest r = requests.requireByReference(reference);
    List<RequestView.Step> steps = r.getProcessInstanceId() == null ? List.of() : asEngine(() ->
        taskService.createTaskQuery().processInstanceId(r.getProcessInstanceId()).list().stream()
            .map(this::step).toList());
    RequestView.Personal personal = mayReadPersonal(callerGroups) ? personal(r) : null;
    if (personal != null) {
      accessLog.record(callerId, callerGroups, r.getId(), r.getReference(), disclosed(personal), channel);
    }
    return new RequestView(r.getReference(), r.getId().toString(), r.getStatus().name(), steps,
        name(r.getAgency()), name(r.getRequestType()), name(r.getChannel()), r.getReceivedAt(),
        name(r.getPrimaryPurpose()), name(r.getFacilityKind()), name(r.getFacilityArea()),
        r.getImmigrationRelated(), name(r.getAccessCategory()), r.getNotifyPerson(), r.getDecisionHours(),
        r.getVerificationDueAt(), r.getDecisionDueAt(), name(r.getWarrantFinding()), r.getRequesterVerified(),
        name(r.getDecision()), r.getLegalBasis(),
        r.getReleasedItems() == null ? List.of() : Arrays.asList(r.getReleasedItems().split(",")),
        r.getDecidedAt(), r.getResponseText(), r.getResponseSentAt(), r.getResponseMethod(), r.getPersonNotifiedAt(),
        r.getClosedAt(), r.getProcessInstanceId(), log.forReference(r.getReference()), personal);
  }

  private RequestView.Personal personal(FederalRequest r) {
    return new RequestView.Personal(
        new RequestView.Requester(r.getRequesterName(), r.getRequesterBadge(), r.getRequesterPhone(), r.getRequesterEmail()),
        new RequestView.Subject(r.getSubjectFullName(), r.getSubjectDateOfBirth(), r.getSubjectBookingNumber(),
            r.isSubjectInCustody(), r.getSubjectScheduledRelease()),
        r.getSummary(),
        r.getDocuments().stream().map(d -> new RequestView.Document(d.getFormNumber(), d.getIssuedBy(), d.getSignedBy(),
            d.getSignerTitle(), d.getIssuedOn() == null ? null : d.getIssuedOn().toString())).toList(),
        replies.forRequest(r.getId()).stream().map(a -> new RequestView.Reply(a.getReceivedAt(), a.getSummary())).toList());
  }

  /** Names of the personal fields that carry a value in this view. */
  static List<String> disclosed(RequestView.Personal p) {
    List<String> fields = new java.util.ArrayList<>();
    add(fields, "requester.name", p.requester().name());
    add(fields, "requester.badgeNumber", p.requester().badgeNumber());
    add(fields, "requester.phone", p.requester().phone());
    add(fields, "requester.email", p.requester().email());
    add(fields, "subject.fullName", p.subject().fullName());
    add(fields, "subject.dateOfBirth", p.subject().dateOfBirth());
    add(fields, "subject.bookingNumber", p.subject().bookingNumber());
    add(fields, "summary", p.summary());
    if (p.documents().stream().anyMatch(d -> d.issuedBy() != null || d.signedBy() != null || d.signerTitle() != null)) {
      fields.add("documents.issuedBy");
      fields.add("documents.signedBy");
      fields.add("documents.signerTitle");
    }
    if (!p.replies().isEmpty()) {
      fields.add("replies.summary");
    }
    return fields;
  }

  private static void add(List<String> fields, String name, String value) {
    if (value != null) {
      fields.add(name);
    }
  }

  private RequestView.Step step(Task t) {
    List<String> groups = taskService.getIdentityLinksForTask(t.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).distinct().toList();
    return new RequestView.Step(t.getTaskDefinitionKey(), t.getName(), groups.isEmpty() ? null : groups.get(0),
        t.getDueDate() == null ? null : t.getDueDate().toInstant(), t.getId(), t.getAssignee(), groups);
  }

  /** Where the request page may send the caller: the open tasks they can open in Tasklist, and Cockpit. */
  public record Links(Set<String> tasklistTaskIds, boolean cockpit) {}

  /**
   * What the engine's authorizations let the caller open: a task in Tasklist when they may use Tasklist and read
   * that task (its candidate groups, its assignee, administrators); the process instance in Cockpit when they may
   * use Cockpit and read the instance (auditors, administrators) and it is still running (Cockpit's community
   * edition shows running instances only).
   */
  public Links links(RequestView view, String callerId, Collection<String> callerGroups) {
    List<String> groups = List.copyOf(callerGroups);
    return asEngine(() -> {
      Set<String> tasks = new LinkedHashSet<>();
      if (authorizations.isUserAuthorized(callerId, groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist")) {
        for (RequestView.Step s : view.currentSteps()) {
          if (authorizations.isUserAuthorized(callerId, groups, Permissions.READ, Resources.TASK, s.taskId())) {
            tasks.add(s.taskId());
          }
        }
      }
      String instance = view.processInstanceId();
      boolean cockpit = instance != null
          && authorizations.isUserAuthorized(callerId, groups, Permissions.ACCESS, Resources.APPLICATION, "cockpit")
          && authorizations.isUserAuthorized(callerId, groups, Permissions.READ, Resources.PROCESS_INSTANCE, instance)
          && runtimeService.createProcessInstanceQuery().processInstanceId(instance).count() > 0;
      return new Links(tasks, cockpit);
    });
  }

  /**
   * The open steps are shown to every staff role that may open the request, including roles that
   * cannot work those tasks, so the engine's per-task checks are lifted for this read only.
   */
  private <T> T asEngine(Supplier<T> read) {
    Authentication current = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.get();
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }
}
