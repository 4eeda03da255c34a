package org.sanctuarycity.workflow.policy;

/**
 * The stated primary purpose of a joint operation, task force or facility visit, recorded at intake. Gov. Code
 * 7284.6(b)(3) allows joint work only when immigration enforcement is not the primary purpose.
 */
public enum PrimaryPurpose {
  IMMIGRATION_ENFORCEMENT,
  CRIMINAL_INVESTIGATION,
  PUBLIC_SAFETY_EMERGENCY,
  OTHER,
  NOT_STATED
}
