package org.sanctuarycity.workflow.complaint;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.sanctuarycity.workflow.common.AssignedIdEntity;
import org.sanctuarycity.workflow.crypto.PersonalDataConverter;

/**
 * A complaint under the ordinance's private right of action. The complainant's identity and account
 * live only here; the process and the public log carry the complaint number and codes.
 */
@Entity
@Table(name = "complaint")
public class Complaint extends AssignedIdEntity {

  public enum Status { FILED, TRIAGED, UNDER_INVESTIGATION, FINDING_MADE, RESPONDED }

  public enum Finding { VIOLATION_FOUND, NOT_FOUND, INCONCLUSIVE }

  @Id private UUID id;
  @Column(nullable = false, unique = true) private String reference;
  @Column(name = "status_token_hash") private String statusTokenHash;
  private String channel;
  private String language;
  private boolean anonymous;
  @Column(name = "filed_by_attorney") private boolean filedByAttorney;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "complainant_name") private String complainantName;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "complainant_contact") private String complainantContact;
  @Column(name = "incident_date") private LocalDate incidentDate;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "incident_location") private String incidentLocation;
  @Convert(converter = PersonalDataConverter.class) private String description;
  @Column(name = "named_references") private String namedReferences;
  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING) private Status status;
  private String investigator;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "investigation_notes") private String investigationNotes;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "evidence_list") private String evidenceList;
  @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING) private Finding finding;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "finding_rationale") private String findingRationale;
  @Column(name = "finding_at") private Instant findingAt;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "response_text") private String responseText;
  @Column(name = "responded_at") private Instant respondedAt;
  @Column(name = "process_instance_id") private String processInstanceId;
  @Column(name = "filed_at", insertable = false, updatable = false) private Instant filedAt;
  @Column(name = "personal_data_purged_at", insertable = false, updatable = false) private Instant personalDataPurgedAt;
  @Version private long version;

  protected Complaint() {}

  Complaint(UUID id, String reference, String statusTokenHash, NewComplaint c, String channel) {
    this.id = id;
    this.reference = reference;
    this.statusTokenHash = statusTokenHash;
    this.channel = channel;
    this.language = c.language();
    this.anonymous = c.anonymous();
    this.filedByAttorney = c.filedByAttorney();
    this.complainantName = c.anonymous() ? null : c.name();
    this.complainantContact = c.anonymous() ? null : c.contact();
    this.incidentDate = c.incidentDate();
    this.incidentLocation = c.location();
    this.description = c.description();
    this.namedReferences = String.join(",", c.references());
    this.status = Status.FILED;
  }

  void triaged(String investigator) { this.investigator = investigator; this.status = Status.TRIAGED; }
  void investigated(String notes, String evidence) {
    this.investigationNotes = notes;
    this.evidenceList = evidence;
    this.status = Status.UNDER_INVESTIGATION;
  }
  void found(Finding finding, String rationale, Instant at) {
    this.finding = finding;
    this.findingRationale = rationale;
    this.findingAt = at;
    this.status = Status.FINDING_MADE;
  }
  void responded(String text, Instant at) { this.responseText = text; this.respondedAt = at; this.status = Status.RESPONDED; }
  void setProcessInstanceId(String id) { this.processInstanceId = id; }

  @Override
  public UUID getId() { return id; }
  public String getReference() { return reference; }
  public String getStatusTokenHash() { return statusTokenHash; }
  public String getChannel() { return channel; }
  public String getLanguage() { return language; }
  public boolean isAnonymous() { return anonymous; }
  public boolean isFiledByAttorney() { return filedByAttorney; }
  public String getComplainantName() { return complainantName; }
  public String getComplainantContact() { return complainantContact; }
  public LocalDate getIncidentDate() { return incidentDate; }
  public String getIncidentLocation() { return incidentLocation; }
  public String getDescription() { return description; }
  public String getNamedReferences() { return namedReferences; }
  public Status getStatus() { return status; }
  public String getInvestigator() { return investigator; }
  public String getInvestigationNotes() { return investigationNotes; }
  public String getEvidenceList() { return evidenceList; }
  public Finding getFinding() { return finding; }
  public String getFindingRationale() { return findingRationale; }
  public Instant getFindingAt() { return findingAt; }
  public String getResponseText() { return responseText; }
  public Instant getRespondedAt() { return respondedAt; }
  public String getProcessInstanceId() { return processInstanceId; }
  public Instant getFiledAt() { return filedAt; }
  public Instant getPersonalDataPurgedAt() { return personalDataPurgedAt; }
}
