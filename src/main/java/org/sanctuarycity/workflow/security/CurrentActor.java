package org.sanctuarycity.workflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Resolves the person acting in the current thread: the Camunda authentication set by Tasklist and
 * the REST API, else the Spring Security login of an /api call, else the engine itself (timers).
 */
@Component
public class CurrentActor {

  private final IdentityService identityService;

  public CurrentActor(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The acting user, recorded under {@code stepRole} when they belong to it. */
  public Actor get(String stepRole) {
    Authentication camunda = identityService.getCurrentAuthentication();
    if (camunda != null && camunda.getUserId() != null) {
      List<String> groups = camunda.getGroupIds() == null ? List.of() : camunda.getGroupIds();
      return new Actor(camunda.getUserId(), roleFor(stepRole, groups));
    }
    var spring = SecurityContextHolder.getContext().getAuthentication();
    if (spring != null && spring.isAuthenticated() && !"anonymousUser".equals(spring.getName())) {
      List<String> groups = spring.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
      return new Actor(spring.getName(), roleFor(stepRole, groups));
    }
    return Actor.SYSTEM;
  }

  static String roleFor(String stepRole, List<String> groups) {
    if (stepRole != null && groups.contains(stepRole)) {
      return stepRole;
    }
    return Groups.ALL.stream().filter(groups::contains).findFirst().orElse("unassigned");
  }
}
