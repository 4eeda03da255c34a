package org.sanctuarycity.workflow.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.sanctuarycity.workflow.common.AssignedIdEntity;
import org.sanctuarycity.workflow.contact.ContactCodes.AgentsIdentified;
import org.sanctuarycity.workflow.contact.ContactCodes.ContactKind;
import org.sanctuarycity.workflow.contact.ContactCodes.FacesCovered;
import org.sanctuarycity.workflow.contact.ContactCodes.Identification;
import org.sanctuarycity.workflow.contact.ContactCodes.ReviewOutcome;
import org.sanctuarycity.workflow.contact.ContactCodes.Status;
import org.sanctuarycity.workflow.contact.ContactCodes.VehicleMarking;
import org.sanctuarycity.workflow.contact.ContactCodes.WarrantKind;
import org.sanctuarycity.workflow.crypto.PersonalDataConverter;
import org.sanctuarycity.workflow.policy.Agency;

/** An immigration-contact report: the only place its free text and the agents' identification are kept. */
@Entity
@Table(name = "contact_report")
public class ContactReport extends AssignedIdEntity {

  @Id private UUID id;
  @Column(nullable = false, unique = true) private String reference;
  @Column(name = "occurred_at") private Instant occurredAt;
  @Column(name = "report_due_at") private Instant reportDueAt;
  @Column(name = "reported_late") private boolean reportedLate;
  @Enumerated(EnumType.STRING) @Column(name = "contact_kind") private ContactKind contactKind;
  @Enumerated(EnumType.STRING) @Column(name = "agency_claimed") private Agency agencyClaimed;
  @Enumerated(EnumType.STRING) private Identification identification;
  @Enumerated(EnumType.STRING) @Column(name = "vehicles_marked") private VehicleMarking vehiclesMarked;
  @Enumerated(EnumType.STRING) @Column(name = "agents_identified") private AgentsIdentified agentsIdentified;
  @Enumerated(EnumType.STRING) @Column(name = "faces_covered") private FacesCovered facesCovered;
  @Column(name = "request_made") private boolean requestMade;
  @Column(name = "anyone_detained") private boolean anyoneDetained;
  @Column(name = "detained_count") private Integer detainedCount;
  @Column(name = "warrant_shown") private boolean warrantShown;
  @Enumerated(EnumType.STRING) @Column(name = "warrant_kind") private WarrantKind warrantKind;

  @Convert(converter = PersonalDataConverter.class) @Column(name = "location_block") private String locationBlock;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "identification_details") private String identificationDetails;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "vehicle_description") private String vehicleDescription;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "agents_requested") private String agentsRequested;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "staff_action") private String staffAction;

  @Enumerated(EnumType.STRING) private Status status;
  @Enumerated(EnumType.STRING) @Column(name = "review_outcome") private ReviewOutcome reviewOutcome;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "review_notes") private String reviewNotes;
  @Column(name = "reviewed_by") private String reviewedBy;
  @Column(name = "reviewed_at") private Instant reviewedAt;
  private int corrections;
  @Column(name = "process_instance_id") private String processInstanceId;
  @Column(name = "reported_by", nullable = false, updatable = false) private String reportedBy;
  @Column(name = "created_at", insertable = false, updatable = false) private Instant createdAt;
  @Column(name = "personal_data_purged_at", insertable = false, updatable = false) private Instant personalDataPurgedAt;
  @Version private long version;

  protected ContactReport() {}

  ContactReport(UUID id, String reference, String reportedBy) {
    this.id = id;
    this.reference = reference;
    this.reportedBy = reportedBy;
    this.status = Status.SUBMITTED;
  }

  /** Sets every reported field from a validated report (first filing and corrections alike). */
  void apply(NewContact c, Instant dueAt, boolean late) {
    occurredAt = c.occurredAt().toInstant();
    reportDueAt = dueAt;
    reportedLate = late;
    contactKind = c.contactKind();
    agencyClaimed = c.agencyClaimed();
    identification = c.identification();
    identificationDetails = c.identificationDetails();
    vehiclesMarked = c.vehiclesMarked();
    agentsIdentified = c.agentsIdentified();
    facesCovered = c.facesCovered();
    vehicleDescription = c.vehicleDescription();
    requestMade = Boolean.TRUE.equals(c.requestMade());
    agentsRequested = c.agentsRequested();
    staffAction = c.staffAction();
    anyoneDetained = Boolean.TRUE.equals(c.anyoneDetained());
    detainedCount = c.detainedCount();
    warrantShown = Boolean.TRUE.equals(c.warrantShown());
    warrantKind = c.warrantKind();
    locationBlock = c.locationBlock();
  }

  /** The stored report as input, for corrections that change only some fields. */
  NewContact asInput() {
    return new NewContact(occurredAt == null ? null : occurredAt.atOffset(java.time.ZoneOffset.UTC), locationBlock,
        contactKind, agencyClaimed, identification, identificationDetails, vehiclesMarked, vehicleDescription,
        requestMade, agentsRequested, staffAction, anyoneDetained, detainedCount, warrantShown, warrantKind, null,
        agentsIdentified, facesCovered);
  }

  void review(ReviewOutcome outcome, String notes, String by, Instant at) {
    reviewOutcome = outcome;
    reviewNotes = notes;
    reviewedBy = by;
    reviewedAt = at;
    status = switch (outcome) {
      case CONFIRM -> Status.CONFIRMED;
      case REQUEST_CORRECTION -> Status.CORRECTION_REQUESTED;
      case FLAG_IMPERSONATION -> Status.REFERRED_FOR_IMPERSONATION;
    };
  }

  void corrected() {
    corrections++;
    status = Status.SUBMITTED;
  }

  void markRequestMade() {
    requestMade = true;
  }

  @Override
  public UUID getId() { return id; }
  public String getReference() { return reference; }
  public Instant getOccurredAt() { return occurredAt; }
  public Instant getReportDueAt() { return reportDueAt; }
  public boolean isReportedLate() { return reportedLate; }
  public ContactKind getContactKind() { return contactKind; }
  public Agency getAgencyClaimed() { return agencyClaimed; }
  public Identification getIdentification() { return identification; }
  public String getIdentificationDetails() { return identificationDetails; }
  public VehicleMarking getVehiclesMarked() { return vehiclesMarked; }
  public AgentsIdentified getAgentsIdentified() { return agentsIdentified; }
  public FacesCovered getFacesCovered() { return facesCovered; }
  public String getVehicleDescription() { return vehicleDescription; }
  public boolean isRequestMade() { return requestMade; }
  public String getAgentsRequested() { return agentsRequested; }
  public String getStaffAction() { return staffAction; }
  public boolean isAnyoneDetained() { return anyoneDetained; }
  public Integer getDetainedCount() { return detainedCount; }
  public boolean isWarrantShown() { return warrantShown; }
  public WarrantKind getWarrantKind() { return warrantKind; }
  public String getLocationBlock() { return locationBlock; }
  public Status getStatus() { return status; }
  public ReviewOutcome getReviewOutcome() { return reviewOutcome; }
  public String getReviewNotes() { return reviewNotes; }
  public String getReviewedBy() { return reviewedBy; }
  public Instant getReviewedAt() { return reviewedAt; }
  public int getCorrections() { return corrections; }
  public String getProcessInstanceId() { return processInstanceId; }
  void setProcessInstanceId(String id) { this.processInstanceId = id; }
  public String getReportedBy() { return reportedBy; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getPersonalDataPurgedAt() { return personalDataPurgedAt; }
}
