package org.sanctuarycity.workflow.security;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each role's task lists in Tasklist, made at every start (demo and production alike) and kept in step: the shared
 * "My group's tasks" plus the lists of the role's own steps, each readable by its groups only (a READ grant per
 * filter, none on all filters), sorted by due date. The engine's authorization still decides which tasks a list
 * shows, so a list never shows a task its reader may not see.
 *
 * <p>Stored queries cannot use expressions (they are turned off: a stored expression would run with the reader's
 * rights), so "due today" is an absolute time: the end of the day in the city's zone, set at start and again
 * just after midnight.
 */
@Component
@Order(2)
public class TaskListFilters implements ApplicationRunner {

  public static final String RESPONSES_TO_SEND = "Responses to send";
  public static final String PEOPLE_TO_NOTIFY = "People to notify";
  public static final String CONSENT_FORMS = "Consent forms to give";
  public static final String DOCUMENTS_TO_VERIFY = "Documents to verify";
  public static final String LEGAL_REVIEWS = "Legal reviews";
  public static final String REVIEWS_DUE_TODAY = "Reviews due today";
  public static final String ESCALATED = "Escalated reviews (overdue)";

  private static final Logger log = LoggerFactory.getLogger(TaskListFilters.class);

  /** A list: its name, what it is for, who may read it, its query, and its place in Tasklist (lower first). */
  record TaskList(String name, String description, List<String> groups, Supplier<TaskQuery> query, int priority) {}

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final CityProperties city;
  private final Clock clock;

  TaskListFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations, CityProperties city,
      Clock clock) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.city = city;
    this.clock = clock;
  }

  List<TaskList> lists() {
    List<String> staff = List.of(Groups.POLICE_DESK, Groups.WARRANT_VERIFIERS, Groups.CITY_ATTORNEY,
        Groups.CITY_ATTORNEY_SUPERVISORS, Groups.POLICE_OFFICERS, Groups.POLICE_SUPERVISORS);
    List<String> attorneys = List.of(Groups.CITY_ATTORNEY, Groups.CITY_ATTORNEY_SUPERVISORS);
    return List.of(
        new TaskList(AuthorizationSetup.TASK_FILTER_NAME, "Tasks your groups may work on, earliest due first", staff,
            () -> tasks.createTaskQuery().orderByDueDate().asc(), -10),
        new TaskList(RESPONSES_TO_SEND, "Decided requests whose response the desk sends, oldest first",
            List.of(Groups.POLICE_DESK), () -> step("UserTask_SendResponse").orderByTaskCreateTime().asc(), -5),
        new TaskList(PEOPLE_TO_NOTIFY, "People in custody to be given the TRUTH Act notice, earliest due first",
            List.of(Groups.POLICE_DESK), () -> step("UserTask_NotifyPerson").orderByDueDate().asc(), -4),
        new TaskList(CONSENT_FORMS, "Interview requests: give the consent form and record the answer",
            List.of(Groups.POLICE_DESK), () -> step("UserTask_InterviewConsent").orderByDueDate().asc(), -3),
        new TaskList(DOCUMENTS_TO_VERIFY, "Warrants and requesters to verify, earliest due first",
            List.of(Groups.WARRANT_VERIFIERS), () -> step("UserTask_VerifyWarrant").orderByDueDate().asc(), -5),
        new TaskList(REVIEWS_DUE_TODAY, "Legal reviews due by the end of today (city time)", attorneys,
            () -> step("UserTask_LegalReview").dueBefore(endOfToday()).orderByDueDate().asc(), -6),
        new TaskList(LEGAL_REVIEWS, "Every open legal review, earliest due first", attorneys,
            () -> step("UserTask_LegalReview").orderByDueDate().asc(), -5),
        new TaskList(ESCALATED, "Legal reviews past their deadline, offered to the supervisors too", attorneys,
            () -> step("UserTask_LegalReview").taskCandidateGroup(Groups.CITY_ATTORNEY_SUPERVISORS)
                .orderByDueDate().asc(), -4));
  }

  @Override
  public void run(ApplicationArguments args) {
    for (TaskList list : lists()) {
      Filter filter = filters.createFilterQuery().filterName(list.name()).singleResult();
      if (filter == null) {
        filter = filters.newTaskFilter(list.name()).setOwner(null);
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("description", list.description());
      properties.put("priority", list.priority());
      properties.put("refresh", true);
      filter.setQuery(list.query().get()).setProperties(properties);
      filter = filters.saveFilter(filter);
      for (String group : list.groups()) {
        grantRead(group, filter.getId());
      }
    }
    // Before these lists every staff group could read every filter; now each reads its own.
    for (Authorization all : authorizations.createAuthorizationQuery().resourceType(Resources.FILTER)
        .resourceId("*").list()) {
      if (all.getGroupId() != null && !Groups.ADMINISTRATORS.equals(all.getGroupId())) {
        authorizations.deleteAuthorization(all.getId());
      }
    }
    log.info("Tasklist lists checked: {}", lists().stream().map(TaskList::name).toList());
  }

  /** Just after midnight in the city's zone, "due today" moves on to the new day. */
  @Scheduled(cron = "5 0 0 * * *", zone = "${app.city.zone:America/Los_Angeles}")
  void moveDueTodayToTheNewDay() {
    Filter filter = filters.createFilterQuery().filterName(REVIEWS_DUE_TODAY).singleResult();
    if (filter != null) {
      filters.saveFilter(filter.setQuery(step("UserTask_LegalReview").dueBefore(endOfToday()).orderByDueDate().asc()));
    }
  }

  Date endOfToday() {
    return Date.from(LocalDate.now(clock.withZone(city.zone())).plusDays(1).atStartOfDay(city.zone()).toInstant());
  }

  private TaskQuery step(String taskDefinitionKey) {
    return tasks.createTaskQuery().taskDefinitionKey(taskDefinitionKey);
  }

  private void grantRead(String group, String filterId) {
    if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER)
        .resourceId(filterId).count() > 0) {
      return;
    }
    Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    auth.setGroupId(group);
    auth.setResource(Resources.FILTER);
    auth.setResourceId(filterId);
    auth.addPermission(Permissions.READ);
    authorizations.saveAuthorization(auth);
  }
}
