package org.sanctuarycity.workflow.intake;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.sanctuarycity.workflow.common.AssignedIdEntity;
import org.sanctuarycity.workflow.crypto.PersonalDataConverter;
import org.sanctuarycity.workflow.policy.AccessCategory;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.FacilityArea;
import org.sanctuarycity.workflow.policy.FacilityKind;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.policy.WarrantFinding;

/**
 * A request received from a federal agency. The only place its personal data (requester, subject,
 * summary, documents) is kept; the process carries its id and codes.
 */
@Entity
@Table(name = "federal_request")
public class FederalRequest extends AssignedIdEntity {

  @Id
  private UUID id;
  @Column(nullable = false, unique = true)
  private String reference;
  @Enumerated(EnumType.STRING)
  private Agency agency;
  @Enumerated(EnumType.STRING)
  @Column(name = "request_type")
  private RequestType requestType;
  @Enumerated(EnumType.STRING)
  private Channel channel;
  @Column(name = "received_at")
  private Instant receivedAt;
  // Codes, not personal data: the stated primary purpose (null when not given; required for joint operations and
  // facility access) and, for facility access only, the kind of place and area.
  @Enumerated(EnumType.STRING)
  @Column(name = "primary_purpose") private PrimaryPurpose primaryPurpose;
  @Enumerated(EnumType.STRING)
  @Column(name = "facility_kind") private FacilityKind facilityKind;
  @Enumerated(EnumType.STRING)
  @Column(name = "facility_area") private FacilityArea facilityArea;

  @Convert(converter = PersonalDataConverter.class) @Column(name = "requester_name") private String requesterName;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "requester_badge") private String requesterBadge;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "requester_phone") private String requesterPhone;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "requester_email") private String requesterEmail;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "subject_full_name") private String subjectFullName;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "subject_date_of_birth") private String subjectDateOfBirth;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "subject_booking_number") private String subjectBookingNumber;
  @Column(name = "subject_in_custody") private boolean subjectInCustody;
  @Column(name = "subject_scheduled_release") private Instant subjectScheduledRelease;
  @Convert(converter = PersonalDataConverter.class) private String summary;

  @Enumerated(EnumType.STRING)
  private RequestStatus status;
  @Column(name = "immigration_related") private Boolean immigrationRelated;
  @Enumerated(EnumType.STRING)
  @Column(name = "access_category") private AccessCategory accessCategory;
  @Column(name = "notify_person") private Boolean notifyPerson;
  @Column(name = "decision_hours") private Integer decisionHours;
  @Column(name = "verification_due_at") private Instant verificationDueAt;
  @Column(name = "decision_due_at") private Instant decisionDueAt;
  @Enumerated(EnumType.STRING)
  @Column(name = "warrant_finding") private WarrantFinding warrantFinding;
  @Column(name = "requester_verified") private Boolean requesterVerified;
  @Enumerated(EnumType.STRING)
  private Decision decision;
  @Column(name = "legal_basis") private String legalBasis;
  @Column(name = "released_items") private String releasedItems;
  @Column(name = "decided_at") private Instant decidedAt;
  @Column(name = "response_text") private String responseText;
  @Column(name = "response_sent_at") private Instant responseSentAt;
  @Column(name = "response_method") private String responseMethod;
  @Column(name = "person_notified_at") private Instant personNotifiedAt;
  @Column(name = "notification_method") private String notificationMethod;
  @Column(name = "closed_at") private Instant closedAt;
  @Column(name = "process_instance_id") private String processInstanceId;
  @Column(name = "idempotency_key") private String idempotencyKey;
  @Column(name = "created_by", nullable = false) private String createdBy;
  @Column(name = "created_at", insertable = false, updatable = false) private Instant createdAt;
  @Version private long version;

  @OneToMany(mappedBy = "request", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("position")
  private List<RequestDocument> documents = new ArrayList<>();

  protected FederalRequest() {}

  FederalRequest(UUID id, String reference, String createdBy) {
    this.id = id;
    this.reference = reference;
    this.createdBy = createdBy;
    this.status = RequestStatus.RECEIVED;
  }

  @Override
  public UUID getId() { return id; }
  public String getReference() { return reference; }
  public Agency getAgency() { return agency; }
  void setAgency(Agency agency) { this.agency = agency; }
  public RequestType getRequestType() { return requestType; }
  void setRequestType(RequestType requestType) { this.requestType = requestType; }
  public Channel getChannel() { return channel; }
  void setChannel(Channel channel) { this.channel = channel; }
  public Instant getReceivedAt() { return receivedAt; }
  void setReceivedAt(Instant receivedAt) { this.receivedAt = receivedAt; }
  public PrimaryPurpose getPrimaryPurpose() { return primaryPurpose; }
  public FacilityKind getFacilityKind() { return facilityKind; }
  public FacilityArea getFacilityArea() { return facilityArea; }
  void setPurposeAndFacility(PrimaryPurpose purpose, FacilityKind kind, FacilityArea area) {
    this.primaryPurpose = purpose;
    this.facilityKind = kind;
    this.facilityArea = area;
  }
  public String getRequesterName() { return requesterName; }
  public String getRequesterBadge() { return requesterBadge; }
  public String getRequesterPhone() { return requesterPhone; }
  public String getRequesterEmail() { return requesterEmail; }
  void setRequester(String name, String badge, String phone, String email) {
    this.requesterName = name;
    this.requesterBadge = badge;
    this.requesterPhone = phone;
    this.requesterEmail = email;
  }
  public String getSubjectFullName() { return subjectFullName; }
  public String getSubjectDateOfBirth() { return subjectDateOfBirth; }
  public String getSubjectBookingNumber() { return subjectBookingNumber; }
  public boolean isSubjectInCustody() { return subjectInCustody; }
  public Instant getSubjectScheduledRelease() { return subjectScheduledRelease; }
  void setSubject(String fullName, String dateOfBirth, String bookingNumber, boolean inCustody, Instant release) {
    this.subjectFullName = fullName;
    this.subjectDateOfBirth = dateOfBirth;
    this.subjectBookingNumber = bookingNumber;
    this.subjectInCustody = inCustody;
    this.subjectScheduledRelease = release;
  }
  public String getSummary() { return summary; }
  void setSummary(String summary) { this.summary = summary; }
  public RequestStatus getStatus() { return status; }
  public void setStatus(RequestStatus status) { this.status = status; }
  public Boolean getImmigrationRelated() { return immigrationRelated; }
  public AccessCategory getAccessCategory() { return accessCategory; }
  public Boolean getNotifyPerson() { return notifyPerson; }

  /** A decision released notice of release or a transfer: the person is told too (Gov. Code 7283.1(b)). */
  public void requirePersonNotified() { this.notifyPerson = true; }
  public Integer getDecisionHours() { return decisionHours; }
  public Instant getVerificationDueAt() { return verificationDueAt; }
  public Instant getDecisionDueAt() { return decisionDueAt; }
  public void classify(boolean immigrationRelated, AccessCategory category, boolean notifyPerson, int hours,
      Instant verificationDueAt, Instant decisionDueAt) {
    this.immigrationRelated = immigrationRelated;
    this.accessCategory = category;
    this.notifyPerson = notifyPerson;
    this.decisionHours = hours;
    this.verificationDueAt = verificationDueAt;
    this.decisionDueAt = decisionDueAt;
    this.status = RequestStatus.CLASSIFIED;
  }
  public WarrantFinding getWarrantFinding() { return warrantFinding; }
  public Boolean getRequesterVerified() { return requesterVerified; }
  public void recordVerification(WarrantFinding finding, boolean requesterVerified) {
    this.warrantFinding = finding;
    this.requesterVerified = requesterVerified;
    this.status = RequestStatus.IN_LEGAL_REVIEW;
  }
  public Decision getDecision() { return decision; }
  public String getLegalBasis() { return legalBasis; }
  public String getReleasedItems() { return releasedItems; }
  public Instant getDecidedAt() { return decidedAt; }
  public void recordDecision(Decision decision, String legalBasis, String releasedItems, Instant at) {
    this.decision = decision;
    this.legalBasis = legalBasis;
    this.releasedItems = releasedItems;
    this.decidedAt = at;
    this.status = decision == Decision.REQUEST_INFO ? RequestStatus.AWAITING_AGENCY_REPLY : RequestStatus.DECIDED;
  }
  /** The attorney amends the decision before its response is sent: back in review, the draft withdrawn. */
  public void reopenDecision() {
    this.status = RequestStatus.IN_LEGAL_REVIEW;
    this.responseText = null;
  }
  public String getResponseText() { return responseText; }
  public void setResponseText(String responseText) { this.responseText = responseText; }
  public Instant getResponseSentAt() { return responseSentAt; }
  public String getResponseMethod() { return responseMethod; }
  public void recordResponse(Instant sentAt, String method) {
    this.responseSentAt = sentAt;
    this.responseMethod = method;
    this.status = RequestStatus.RESPONDED;
  }
  public Instant getPersonNotifiedAt() { return personNotifiedAt; }
  public String getNotificationMethod() { return notificationMethod; }
  public void recordNotification(Instant at, String method) {
    this.personNotifiedAt = at;
    this.notificationMethod = method;
  }
  public Instant getClosedAt() { return closedAt; }
  public void close(Instant at) {
    this.closedAt = at;
    this.status = RequestStatus.CLOSED;
  }
  public String getProcessInstanceId() { return processInstanceId; }
  public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
  public String getIdempotencyKey() { return idempotencyKey; }
  void setIdempotencyKey(String idempotencyKey) { this.idempotencyKey = idempotencyKey; }
  public String getCreatedBy() { return createdBy; }
  public Instant getCreatedAt() { return createdAt; }
  public List<RequestDocument> getDocuments() { return documents; }
  void addDocument(RequestDocument document) {
    document.attach(this, documents.size());
    documents.add(document);
  }
}
