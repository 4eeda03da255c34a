package org.sanctuarycity.workflow.policy;

/**
 * The criterion of Gov. Code 7282.5 (TRUST Act) that the attorney finds in the criminal history the city already
 * holds. What each one means for notification and transfer is bpmn/trust-act-eligibility.dmn, not code.
 */
public enum TrustCriterion {
  NOT_ASSESSED,
  NONE_APPLIES,
  SERIOUS_OR_VIOLENT_FELONY_CONVICTION,
  STATE_PRISON_FELONY_CONVICTION,
  LISTED_MISDEMEANOR_WITHIN_5_YEARS,
  LISTED_FELONY_WITHIN_15_YEARS,
  SEX_OR_ARSON_REGISTRANT,
  FEDERAL_AGGRAVATED_FELONY_CONVICTION,
  FEDERAL_FELONY_ARREST_WARRANT,
  CURRENT_SERIOUS_OR_PRISON_FELONY_CHARGE
}
