package org.sanctuarycity.workflow.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.sanctuarycity.workflow.common.AssignedIdEntity;

/** The attorney's request to amend a decision: a reason code, who and when; no personal data. */
@Entity
@Table(name = "decision_amendment")
public class DecisionAmendment extends AssignedIdEntity {

  @Id private UUID id;
  @Column(name = "request_id", nullable = false) private UUID requestId;
  @Column(name = "amends_review_id", nullable = false) private UUID amendsReviewId;
  @Enumerated(EnumType.STRING) private AmendmentReason reason;
  @Column(name = "requested_by", nullable = false) private String requestedBy;
  @Column(name = "requested_at", insertable = false, updatable = false) private Instant requestedAt;
  @Column(name = "amended_review_id") private UUID amendedReviewId;

  protected DecisionAmendment() {}

  DecisionAmendment(UUID requestId, UUID amendsReviewId, AmendmentReason reason, String requestedBy) {
    this.id = UUID.randomUUID();
    this.requestId = requestId;
    this.amendsReviewId = amendsReviewId;
    this.reason = reason;
    this.requestedBy = requestedBy;
  }

  void amendedBy(UUID reviewId) {
    this.amendedReviewId = reviewId;
  }

  @Override
  public UUID getId() { return id; }
  public UUID getRequestId() { return requestId; }
  public UUID getAmendsReviewId() { return amendsReviewId; }
  public AmendmentReason getReason() { return reason; }
  public String getRequestedBy() { return requestedBy; }
  public Instant getRequestedAt() { return requestedAt; }
  public UUID getAmendedReviewId() { return amendedReviewId; }
}
