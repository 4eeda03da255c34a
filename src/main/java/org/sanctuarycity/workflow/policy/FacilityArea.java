package org.sanctuarycity.workflow.policy;

/** Whether the requested area is open to the public; non-public areas need a judicial warrant (AB 49, SB 81). */
public enum FacilityArea {
  PUBLIC,
  NON_PUBLIC
}
