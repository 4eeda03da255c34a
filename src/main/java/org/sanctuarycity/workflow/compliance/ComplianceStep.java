package org.sanctuarycity.workflow.compliance;

import java.util.Optional;

/**
 * The steps the ordinance requires before any response leaves the city, in the order they must
 * happen, plus the response itself. Elements carry them as the extension property
 * {@code compliance-step} (Camunda Modeler: "Extension properties").
 */
public enum ComplianceStep {
  WARRANT_VERIFICATION("warrant-verification", "warrant verification"),
  LEGAL_REVIEW("legal-review", "legal review"),
  DECISION_LOG("decision-log", "logging of the decision to the transparency log"),
  RESPONSE("response", "response to the agency");

  /** Name of the extension property that marks a step. */
  public static final String PROPERTY = "compliance-step";

  private final String value;
  private final String plainName;

  ComplianceStep(String value, String plainName) {
    this.value = value;
    this.plainName = plainName;
  }

  /** The value of the {@code compliance-step} property. */
  public String value() {
    return value;
  }

  /** How an administrator reads it in a refusal. */
  public String plainName() {
    return plainName;
  }

  /** The steps a response must be preceded by, in order; index = progress along a path. */
  static final ComplianceStep[] REQUIRED = {WARRANT_VERIFICATION, LEGAL_REVIEW, DECISION_LOG};

  public static Optional<ComplianceStep> fromValue(String value) {
    for (ComplianceStep step : values()) {
      if (step.value.equals(value)) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }
}
