package org.sanctuarycity.workflow.policy;

/** How the desk sent the response. */
public enum ResponseMethod {
  IN_PERSON,
  PHONE,
  FAX,
  EMAIL,
  MAIL
}
