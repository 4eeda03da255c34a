package org.sanctuarycity.workflow.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;

/** GET /api/requests/{reference}. {@code personal} is present only for groups allowed to see personal data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestView(
    String reference,
    String id,
    String status,
    List<Step> currentSteps,
    String agency,
    String requestType,
    String channel,
    Instant receivedAt,
    String primaryPurpose,
    String facilityKind,
    String facilityArea,
    Boolean immigrationRelated,
    String accessCategory,
    Boolean notifyPerson,
    Integer decisionHours,
    Instant verificationDueAt,
    Instant decisionDueAt,
    String warrantFinding,
    Boolean requesterVerified,
    String decision,
    String legalBasis,
    List<String> releasedItems,
    Instant decidedAt,
    String responseText,
    Instant responseSentAt,
    String responseMethod,
    Instant personNotifiedAt,
    Instant closedAt,
    String processInstanceId,
    List<TransparencyEntry> logEntries,
    Personal personal) {

  /**
   * An open task of the request: {@code id} is the task's key in the process, {@code taskId} the engine's id of
   * this task (Tasklist opens it by that), {@code assignee} the user who claimed it (null while unclaimed);
   * {@code candidateGroup} is the first of {@code candidateGroups} (an escalated review has two).
   */
  public record Step(String id, String name, String candidateGroup, Instant due, String taskId, String assignee,
      List<String> candidateGroups) {}

  /** Personal data; shown only to police-desk, warrant-verifiers, city-attorney and supervisors. */
  public record Personal(Requester requester, Subject subject, String summary, List<Document> documents,
      List<Reply> replies) {}

  public record Requester(String name, String badgeNumber, String phone, String email) {}

  public record Subject(String fullName, String dateOfBirth, String bookingNumber, boolean inCustody,
      Instant scheduledRelease) {}

  public record Document(String formNumber, String issuedBy, String signedBy, String signerTitle, String issuedOn) {}

  public record Reply(Instant receivedAt, String summary) {}
}
