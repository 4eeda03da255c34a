package org.sanctuarycity.workflow.intake;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.FacilityArea;
import org.sanctuarycity.workflow.policy.FacilityKind;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.RequestType;

/**
 * An incoming request as the desk records it, through POST /api/requests or the Tasklist start form.
 * There is deliberately no field for immigration status, citizenship or place of birth.
 *
 * @param primaryPurpose the operation's stated primary purpose (Gov. Code 7284.6(b)(3)); required for joint
 *     operations and facility access, optional for other types, stored as given (null when not given)
 * @param facilityKind for FACILITY_ACCESS only (and then required): the kind of place (AB 49 schools, SB 81
 *     health facilities)
 * @param facilityArea for FACILITY_ACCESS only (and then required): public or non-public area
 */
public record NewRequest(
    Agency agency,
    RequestType requestType,
    Channel channel,
    OffsetDateTime receivedAt,
    Requester requester,
    Subject subject,
    List<Document> documents,
    String summary,
    PrimaryPurpose primaryPurpose,
    FacilityKind facilityKind,
    FacilityArea facilityArea) {

  /** A request without the codes of joint operations and facility access (every other type needs none). */
  public NewRequest(Agency agency, RequestType requestType, Channel channel, OffsetDateTime receivedAt,
      Requester requester, Subject subject, List<Document> documents, String summary) {
    this(agency, requestType, channel, receivedAt, requester, subject, documents, summary, null, null, null);
  }

  /** The federal officer who made the request. */
  public record Requester(String name, String badgeNumber, String phone, String email) {}

  /** The person the request is about, if any. */
  public record Subject(String fullName, LocalDate dateOfBirth, String bookingNumber, Boolean inCustody,
      OffsetDateTime scheduledRelease) {}

  /** A document presented with the request. */
  public record Document(String formNumber, String issuedBy, String signedBy, String signerTitle, LocalDate issuedOn) {}
}
