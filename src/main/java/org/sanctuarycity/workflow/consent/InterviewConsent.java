package org.sanctuarycity.workflow.consent;

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
import org.sanctuarycity.workflow.policy.ConsentAnswer;

/** One written consent form given before an ICE interview: its language, the answer, when and by whom. */
@Entity
@Table(name = "interview_consent")
public class InterviewConsent extends AssignedIdEntity {

  @Id private UUID id;
  @Column(name = "request_id", nullable = false) private UUID requestId;
  @Enumerated(EnumType.STRING)
  @Column(name = "form_language", nullable = false) private FormLanguage formLanguage;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false) private ConsentAnswer answer;
  @Column(name = "given_at", nullable = false) private Instant givenAt;
  @Column(name = "given_by", nullable = false) private String givenBy;
  @Convert(converter = PersonalDataConverter.class) private String note;
  @Column(name = "recorded_at", insertable = false, updatable = false) private Instant recordedAt;

  protected InterviewConsent() {}

  InterviewConsent(UUID requestId, FormLanguage formLanguage, ConsentAnswer answer, Instant givenAt, String givenBy,
      String note) {
    this.id = UUID.randomUUID();
    this.requestId = requestId;
    this.formLanguage = formLanguage;
    this.answer = answer;
    this.givenAt = givenAt;
    this.givenBy = givenBy;
    this.note = note;
  }

  @Override
  public UUID getId() { return id; }
  public UUID getRequestId() { return requestId; }
  public FormLanguage getFormLanguage() { return formLanguage; }
  public ConsentAnswer getAnswer() { return answer; }
  public Instant getGivenAt() { return givenAt; }
  public String getGivenBy() { return givenBy; }
  public String getNote() { return note; }
  public Instant getRecordedAt() { return recordedAt; }
}
