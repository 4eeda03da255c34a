package org.sanctuarycity.workflow.policy;

/** How a request reached the city. */
public enum Channel {
  IN_PERSON,
  PHONE,
  FAX,
  EMAIL,
  MAIL,
  OTHER
}
