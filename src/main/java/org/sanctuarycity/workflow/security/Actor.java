package org.sanctuarycity.workflow.security;

/** Who performed a step: the user id (never published) and the role recorded in the public log. */
public record Actor(String userId, String role) {

  public static final Actor SYSTEM = new Actor(null, Groups.SYSTEM);
}
