package org.sanctuarycity.workflow.verification;

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
import org.sanctuarycity.workflow.policy.WarrantFinding;

/** One verification of a request's documents and requester: every check, who checked and when. */
@Entity
@Table(name = "warrant_verification")
public class WarrantVerification extends AssignedIdEntity {

  @Id private UUID id;
  @Column(name = "request_id", nullable = false) private UUID requestId;
  @Column(name = "issuing_body") private String issuingBody;
  private String signer;
  @Column(name = "form_number_check") private String formNumberCheck;
  @Column(name = "legal_basis_check") private String legalBasisCheck;
  @Column(name = "particularity_ok") private boolean particularityOk;
  @Column(name = "not_expired") private boolean notExpired;
  @Column(name = "federal_criminal_law") private boolean federalCriminalLaw;
  @Column(name = "callback_done") private boolean callbackDone;
  @Column(name = "badge_checked") private boolean badgeChecked;
  @Column(name = "supervisor_confirmed") private boolean supervisorConfirmed;
  @Enumerated(EnumType.STRING)
  @Column(name = "warrant_finding") private WarrantFinding warrantFinding;
  @Column(name = "requester_verified") private boolean requesterVerified;
  @Convert(converter = PersonalDataConverter.class) private String notes;
  @Column(name = "verified_by") private String verifiedBy;
  @Column(name = "verified_at", insertable = false, updatable = false) private Instant verifiedAt;

  protected WarrantVerification() {}

  WarrantVerification(UUID requestId, VerificationChecks checks, String notes, String verifiedBy) {
    this.id = UUID.randomUUID();
    this.requestId = requestId;
    this.issuingBody = checks.issuingBody();
    this.signer = checks.signer();
    this.formNumberCheck = checks.formNumberCheck();
    this.legalBasisCheck = checks.legalBasisCheck();
    this.particularityOk = checks.particularityOk();
    this.notExpired = checks.notExpired();
    this.federalCriminalLaw = checks.federalCriminalLaw();
    this.callbackDone = checks.callbackDone();
    this.badgeChecked = checks.badgeChecked();
    this.supervisorConfirmed = checks.supervisorConfirmed();
    this.warrantFinding = checks.warrantFinding();
    this.requesterVerified = checks.requesterVerified();
    this.notes = notes;
    this.verifiedBy = verifiedBy;
  }

  @Override
  public UUID getId() { return id; }
  public UUID getRequestId() { return requestId; }
  public VerificationChecks checks() {
    return new VerificationChecks(issuingBody, signer, formNumberCheck, legalBasisCheck, particularityOk, notExpired,
        federalCriminalLaw, callbackDone, badgeChecked, supervisorConfirmed, warrantFinding, requesterVerified);
  }
  public String getNotes() { return notes; }
  public String getVerifiedBy() { return verifiedBy; }
  public Instant getVerifiedAt() { return verifiedAt; }
}
