package org.sanctuarycity.workflow.contact;

import java.util.List;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.FacilityArea;
import org.sanctuarycity.workflow.policy.FacilityKind;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.RequestType;

/**
 * The request made during a contact, turned into a federal request. Agency and time come from the contact;
 * the requester defaults to the identification the agents gave, the summary to what they asked for. Primary
 * purpose and facility follow the intake rules (NewRequest): required for joint operations and facility access.
 */
public record ContactRequest(
    RequestType requestType,
    Channel channel,
    NewRequest.Requester requester,
    NewRequest.Subject subject,
    List<NewRequest.Document> documents,
    String summary,
    PrimaryPurpose primaryPurpose,
    FacilityKind facilityKind,
    FacilityArea facilityArea) {

  /** A request without the codes of joint operations and facility access. */
  public ContactRequest(RequestType requestType, Channel channel, NewRequest.Requester requester,
      NewRequest.Subject subject, List<NewRequest.Document> documents, String summary) {
    this(requestType, channel, requester, subject, documents, summary, null, null, null);
  }
}
