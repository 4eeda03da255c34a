package org.sanctuarycity.workflow.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;
import org.sanctuarycity.workflow.crypto.PersonalDataConverter;

/** A document the agency presented with its request (detainer form, warrant, subpoena, order). */
@Entity
@Table(name = "request_document")
public class RequestDocument {

  @Id private UUID id;
  @ManyToOne(optional = false)
  @JoinColumn(name = "request_id")
  private FederalRequest request;
  private int position;
  @Column(name = "form_number") private String formNumber;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "issued_by") private String issuedBy;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "signed_by") private String signedBy;
  @Convert(converter = PersonalDataConverter.class) @Column(name = "signer_title") private String signerTitle;
  @Column(name = "issued_on") private LocalDate issuedOn;

  protected RequestDocument() {}

  RequestDocument(String formNumber, String issuedBy, String signedBy, String signerTitle, LocalDate issuedOn) {
    this.id = UUID.randomUUID();
    this.formNumber = formNumber;
    this.issuedBy = issuedBy;
    this.signedBy = signedBy;
    this.signerTitle = signerTitle;
    this.issuedOn = issuedOn;
  }

  void attach(FederalRequest request, int position) {
    this.request = request;
    this.position = position;
  }

  public String getFormNumber() { return formNumber; }
  public String getIssuedBy() { return issuedBy; }
  public String getSignedBy() { return signedBy; }
  public String getSignerTitle() { return signerTitle; }
  public LocalDate getIssuedOn() { return issuedOn; }
}
