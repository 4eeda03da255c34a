package org.sanctuarycity.workflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the groups and their engine authorizations at every start (the Tasklist lists: TaskListFilters).
 * Idempotent: what exists is left alone. This is the whole grant list; the engine denies everything else.
 */
@Component
@Order(1)
public class AuthorizationSetup implements ApplicationRunner {

  public static final String FEDERAL_REQUEST = "federal-request";
  public static final String IMMIGRATION_CONTACT = "immigration-contact";
  public static final String COMPLAINT = "complaint";
  public static final String TRANSPARENCY_REPORT = "transparency-report";
  public static final String DECISION_AMENDMENT = "decision-amendment";
  public static final String TASK_FILTER_NAME = "My group's tasks";

  private static final Logger log = LoggerFactory.getLogger(AuthorizationSetup.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  public AuthorizationSetup(IdentityService identityService, AuthorizationService authorizationService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  /** One grant: a group may do these things to this resource. */
  record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {}

  static List<Grant> grants() {
    List<Grant> grants = new java.util.ArrayList<>();
    for (String group : List.of(Groups.POLICE_DESK, Groups.WARRANT_VERIFIERS, Groups.CITY_ATTORNEY,
        Groups.CITY_ATTORNEY_SUPERVISORS)) {
      grants.add(new Grant(group, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, FEDERAL_REQUEST, List.of(Permissions.READ)));
    }
    grants.add(new Grant(Groups.POLICE_DESK, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)));
    grants.add(new Grant(Groups.AUDITORS, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
    grants.add(new Grant(Groups.AUDITORS, Resources.PROCESS_DEFINITION, "*",
        List.of(Permissions.READ, Permissions.READ_HISTORY)));
    grants.add(new Grant(Groups.AUDITORS, Resources.DECISION_DEFINITION, "*",
        List.of(Permissions.READ, Permissions.READ_HISTORY)));
    grants.add(new Grant(Groups.AUDITORS, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.READ)));
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(Groups.ADMINISTRATORS, resource, "*", List.of(Permissions.ALL)));
    }
    // The desk starts requests from Tasklist: CREATE_INSTANCE on the definition.
    grants.add(new Grant(Groups.POLICE_DESK, Resources.PROCESS_DEFINITION, FEDERAL_REQUEST,
        List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)));
    // Immigration-contact reports: officers and the desk file them (Tasklist start form or API, which may
    // also start a federal request); police supervisors review them.
    for (String group : List.of(Groups.POLICE_OFFICERS, Groups.POLICE_SUPERVISORS)) {
      grants.add(new Grant(group, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
    }
    for (String group : List.of(Groups.POLICE_DESK, Groups.POLICE_OFFICERS, Groups.POLICE_SUPERVISORS)) {
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, IMMIGRATION_CONTACT, List.of(Permissions.READ)));
    }
    for (String group : Groups.CONTACT_REPORTERS) {
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, IMMIGRATION_CONTACT,
          List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)));
    }
    grants.add(new Grant(Groups.POLICE_OFFICERS, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)));
    grants.add(new Grant(Groups.POLICE_OFFICERS, Resources.PROCESS_DEFINITION, FEDERAL_REQUEST,
        List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    // Complaints: the city attorney works them; the city attorney groups and the desk may file one on a
    // complainant's behalf in Tasklist (start form complaint-intake).
    for (String group : Groups.COMPLAINT_FILERS) {
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, COMPLAINT,
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
      grants.add(new Grant(group, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)));
    }
    // Quarterly reports: the city attorney groups review them in Tasklist (the task itself comes with the
    // candidate group); the process starts by timer, or by hand by an administrator.
    for (String group : List.of(Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS)) {
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, TRANSPARENCY_REPORT, List.of(Permissions.READ)));
      // "Amend a decision" is started from Tasklist by the city attorney groups (start form amend-decision).
      grants.add(new Grant(group, Resources.PROCESS_DEFINITION, DECISION_AMENDMENT,
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    }
    return grants;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (String id : Groups.ALL) {
      if (identityService.createGroupQuery().groupId(id).count() == 0) {
        Group group = identityService.newGroup(id);
        group.setName(id);
        group.setType(Groups.ADMINISTRATORS.equals(id) ? "SYSTEM" : "WORKFLOW");
        identityService.saveGroup(group);
      }
    }
    for (Grant grant : grants()) {
      ensure(grant.group(), grant.resource(), grant.resourceId(), grant.permissions());
    }
    log.info("Engine authorizations checked for groups {}", Groups.ALL);
  }

  private void ensure(String group, Resource resource, String resourceId, List<Permission> permissions) {
    Authorization existing = authorizationService.createAuthorizationQuery().groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization auth = existing != null ? existing : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    boolean changed = existing == null;
    if (existing == null) {
      auth.setGroupId(group);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    for (Permission p : permissions) {
      if (!auth.isPermissionGranted(p)) {
        auth.addPermission(p);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(auth);
    }
  }
}
