package org.sanctuarycity.workflow.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

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

  /** A prohibition (SB 54, the ordinance): it can justify a decline, never a release. */
  @Column(name = "forbids_cooperation", nullable = false)
  private boolean forbidsCooperation;

  /** The release items this basis can authorize at all, as ReleasableItem codes; the release rules decide the rest. */
  @Column(name = "authorizes_items", nullable = false)
  private String authorizesItems = "";

  @Column(name = "created_by", nullable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
  private OffsetDateTime createdAt;

  protected LegalBasis() {}

  public LegalBasis(String code, String label, String description, boolean warrant, boolean forbidsCooperation,
      Collection<String> authorizedItems, String createdBy) {
    this.code = code;
    this.label = label;
    this.description = description;
    this.warrant = warrant;
    this.forbidsCooperation = forbidsCooperation;
    this.authorizesItems = String.join(",", authorizedItems);
    this.createdBy = createdBy;
  }

  public String getCode() { return code; }
  public String getLabel() { return label; }
  public String getDescription() { return description; }
  public boolean isWarrant() { return warrant; }
  public boolean isActive() { return active; }
  public boolean forbidsCooperation() { return forbidsCooperation; }

  public Set<String> authorizedItems() {
    return Arrays.stream(authorizesItems.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  public boolean authorizes(String item) {
    return authorizedItems().contains(item);
  }
  public void setActive(boolean active) { this.active = active; }
}
