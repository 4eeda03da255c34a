package org.sanctuarycity.workflow.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.sanctuarycity.workflow.common.AssignedIdEntity;
import org.sanctuarycity.workflow.crypto.PersonalDataConverter;

/** Supplementary information an agency sent after the city attorney asked for it. */
@Entity
@Table(name = "agency_reply")
public class AgencyReply extends AssignedIdEntity {

  @Id private UUID id;
  @Column(name = "request_id", nullable = false) private UUID requestId;
  @Column(name = "received_at", nullable = false) private Instant receivedAt;
  @Convert(converter = PersonalDataConverter.class) @Column(nullable = false) private String summary;
  @Column(name = "submitted_by", nullable = false) private String submittedBy;

  protected AgencyReply() {}

  AgencyReply(UUID requestId, Instant receivedAt, String summary, String submittedBy) {
    this.id = UUID.randomUUID();
    this.requestId = requestId;
    this.receivedAt = receivedAt;
    this.summary = summary;
    this.submittedBy = submittedBy;
  }

  @Override
  public UUID getId() { return id; }
  public UUID getRequestId() { return requestId; }
  public Instant getReceivedAt() { return receivedAt; }
  public String getSummary() { return summary; }
  public String getSubmittedBy() { return submittedBy; }
}
