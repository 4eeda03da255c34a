package org.sanctuarycity.workflow.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One entry of the legal-basis catalog the city attorney maintains. */
@Entity
@Table(name = "legal_basis")
public class LegalBasis {

  @Id
  private String code;

  @Column(nullable = false)
  private String label;

  private String description;

  @Column(name = "is_warrant", nullable = false)
  private boolean warrant;

  @Column(nullable = false)
  private boolean active = true;

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
  private OffsetDateTime createdAt;

  protected LegalBasis() {}

  public LegalBasis(String code, String label, String description, boolean warrant, String createdBy) {
    this.code = code;
    this.label = label;
    this.description = description;
    this.warrant = warrant;
    this.createdBy = createdBy;
  }

  public String getCode() { return code; }
  public String getLabel() { return label; }
  public String getDescription() { return description; }
  public boolean isWarrant() { return warrant; }
  public boolean isActive() { return active; }
  public void setActive(boolean active) { this.active = active; }
}
