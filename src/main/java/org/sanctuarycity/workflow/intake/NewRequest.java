package org.sanctuarycity.workflow.intake;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.RequestType;

/**
 * An incoming request as the desk records it, through POST /api/requests or the Tasklist start form.
 * There is deliberately no field for immigration status, citizenship or place of birth.
 */
public record NewRequest(
    Agency agency,
    RequestType requestType,
    Channel channel,
    OffsetDateTime receivedAt,
    Requester requester,
    Subject subject,
    List<Document> documents,
    String summary) {

  /** The federal officer who made the request. */
  public record Requester(String name, String badgeNumber, String phone, String email) {}

  /** The person the request is about, if any. */
  public record Subject(String fullName, LocalDate dateOfBirth, String bookingNumber, Boolean inCustody,
      OffsetDateTime scheduledRelease) {}

  /** A document presented with the request. */
  public record Document(String formNumber, String issuedBy, String signedBy, String signerTitle, LocalDate issuedOn) {}
}
