package org.sanctuarycity.workflow.review;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.sanctuarycity.workflow.common.AssignedIdEntity;
import org.sanctuarycity.workflow.crypto.PersonalDataConverter;
import org.sanctuarycity.workflow.policy.Decision;

/** One decision of the city attorney (or the automatic decline when an agency never replied). */
@Entity
@Table(name = "legal_review")
public class LegalReview extends AssignedIdEntity {

  @Id private UUID id;
  @Column(name = "request_id", nullable = false) private UUID requestId;
  @Enumerated(EnumType.STRING) private Decision decision;
  @Column(name = "legal_basis") private String legalBasis;
  @Convert(converter = PersonalDataConverter.class) private String rationale;
  @Column(name = "released_items") private String releasedItems;
  @Column(name = "reviewed_by") private String reviewedBy;
  @Column(name = "trust_criterion") private String trustCriterion;
  @Column(name = "magistrate_probable_cause") private Boolean magistrateProbableCause;
  @Column(name = "trust_outcome") private String trustOutcome;
  @Column(name = "trust_clause") private String trustClause;
  @Convert(converter = PersonalDataConverter.class)
  @Column(name = "criminal_history_notes") private String criminalHistoryNotes;
  @Column(name = "reviewed_at", insertable = false, updatable = false) private Instant reviewedAt;
  // The decision this one corrects (DecisionAmendments); null for a first decision.
  @Column(name = "amends_review_id") private UUID amendsReviewId;

  protected LegalReview() {}

  LegalReview(UUID requestId, Decision decision, String legalBasis, String rationale, String releasedItems,
      String reviewedBy) {
    this.id = UUID.randomUUID();
    this.requestId = requestId;
    this.decision = decision;
    this.legalBasis = legalBasis;
    this.rationale = rationale;
    this.releasedItems = releasedItems;
    this.reviewedBy = reviewedBy;
  }

  /** The TRUST Act finding behind this decision; the notes are the attorney's and stay encrypted. */
  void recordTrustFinding(TrustAct.Finding finding, String criminalHistoryNotes) {
    this.trustCriterion = finding.criterion().name();
    this.magistrateProbableCause = finding.magistrateProbableCause();
    this.trustOutcome = finding.outcome();
    this.trustClause = finding.clause();
    this.criminalHistoryNotes = criminalHistoryNotes;
  }

  void amends(UUID earlierReviewId) {
    this.amendsReviewId = earlierReviewId;
  }

  @Override
  public UUID getId() { return id; }
  public UUID getAmendsReviewId() { return amendsReviewId; }
  public UUID getRequestId() { return requestId; }
  public Decision getDecision() { return decision; }
  public String getLegalBasis() { return legalBasis; }
  public String getRationale() { return rationale; }
  public String getReleasedItems() { return releasedItems; }
  public String getReviewedBy() { return reviewedBy; }
  public Instant getReviewedAt() { return reviewedAt; }
  public String getTrustCriterion() { return trustCriterion; }
  public Boolean getMagistrateProbableCause() { return magistrateProbableCause; }
  public String getTrustOutcome() { return trustOutcome; }
  public String getTrustClause() { return trustClause; }
  public String getCriminalHistoryNotes() { return criminalHistoryNotes; }
}
