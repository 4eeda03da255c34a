package org.sanctuarycity.workflow.intake;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Builds the view of a request, with personal data only for the groups allowed to see it. */
@Component
public class RequestViews {

  private final FederalRequests requests;
  private final ReplyService replies;
  private final TransparencyLog log;
  private final TaskService taskService;
  private final IdentityService identityService;

  RequestViews(FederalRequests requests, ReplyService replies, TransparencyLog log, TaskService taskService,
      IdentityService identityService) {
    this.requests = requests;
    this.replies = replies;
    this.log = log;
    this.taskService = taskService;
    this.identityService = identityService;
  }

  public static boolean mayReadPersonal(Collection<String> groups) {
    return groups.stream().anyMatch(Groups.PERSONAL_DATA_READERS::contains);
  }

  @Transactional(readOnly = true)
  public RequestView view(String reference, Collection<String> callerGroups) {
    FederalRequest r = requests.requireByReference(reference);
    List<RequestView.Step> steps = r.getProcessInstanceId() == null ? List.of() : asEngine(() ->
        taskService.createTaskQuery().processInstanceId(r.getProcessInstanceId()).list().stream()
            .map(this::step).toList());
    RequestView.Personal personal = mayReadPersonal(callerGroups) ? personal(r) : null;
    return new RequestView(r.getReference(), r.getId().toString(), r.getStatus().name(), steps,
        name(r.getAgency()), name(r.getRequestType()), name(r.getChannel()), r.getReceivedAt(),
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

  private RequestView.Step step(Task t) {
    String group = taskService.getIdentityLinksForTask(t.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst().orElse(null);
    return new RequestView.Step(t.getTaskDefinitionKey(), t.getName(), group,
        t.getDueDate() == null ? null : t.getDueDate().toInstant());
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
