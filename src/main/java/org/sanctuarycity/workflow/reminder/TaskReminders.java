package org.sanctuarycity.workflow.reminder;

import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminder e-mails about open tasks, on a schedule (app.reminders.cron):
 * <ul>
 *   <li>before the deadline: a task due within app.reminders.before goes to the members of each of its candidate
 *       groups;</li>
 *   <li>at escalation: an overdue task that was offered to one of app.reminders.escalation-groups (the legal review
 *       to city-attorney-supervisors, a contact report to police-supervisors) beyond the groups its step names in
 *       the process model goes to the members of that group.</li>
 * </ul>
 * Recipients are the group's members in Camunda's identity service that have an e-mail address. A mail holds the
 * case's reference, the step's name from the model, the due time in the city's zone and a Tasklist link, never
 * anything about the person concerned (wording: app.reminders.wording). Each reminder is claimed in task_reminder
 * before it is sent, so it goes out once, after a restart and with several nodes too.
 *
 * <p>Without an SMTP server (spring.mail.host unset) Spring Boot makes no mail sender: nothing is sent, and one
 * line at startup says so.
 */
@Component
public class TaskReminders {

  private static final Logger log = LoggerFactory.getLogger(TaskReminders.class);
  /** Tasks looked at per kind and scan; more than this many due at once are taken up by the next scans. */
  static final int PAGE = 500;

  /** What a scan did: mails handed to the mail server and the addresses they went to. */
  public record Scan(boolean enabled, int mails, int recipients) {}

  private final ProcessEngine engine;
  private final ReminderLedger ledger;
  private final ReminderWording wording;
  private final ReminderProperties properties;
  private final Clock clock;
  private final JavaMailSender mail;

  @Autowired
  TaskReminders(ProcessEngine engine, JdbcTemplate jdbc, ReminderProperties properties, CityProperties city,
      ResourceLoader resources, Clock clock, ObjectProvider<JavaMailSender> mail) {
    this(engine, jdbc, properties, city, resources, clock, mail.getIfAvailable());
  }

  /** {@code mail} null: reminders are off. */
  TaskReminders(ProcessEngine engine, JdbcTemplate jdbc, ReminderProperties properties, CityProperties city,
      ResourceLoader resources, Clock clock, JavaMailSender mail) {
    this.engine = engine;
    this.ledger = new ReminderLedger(jdbc,
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHostname());
    this.wording = new ReminderWording(resources.getResource(properties.wording()), city.zone(), city.name());
    this.properties = properties;
    this.clock = clock;
    this.mail = mail;
    if (mail == null) {
      log.info("Reminder e-mails are off: no SMTP server is configured (spring.mail.host)");
    } else {
      log.info("Reminder e-mails on: tasks due within {} and escalations, checked on \"{}\"", properties.before(),
          properties.cron());
    }
  }

  @Scheduled(cron = "${app.reminders.cron:0 */5 * * * *}", zone = "${app.city.zone:America/Los_Angeles}")
  void scheduled() {
    Scan scan = scan();
    if (scan.mails() > 0) {
      log.info("Reminder e-mails: {} sent to {} addresses", scan.mails(), scan.recipients());
    }
  }

  /** Sends the reminders that are due now and were not sent yet. */
  public Scan scan() {
    if (mail == null) {
      return new Scan(false, 0, 0);
    }
    Instant now = clock.instant();
    int[] totals = new int[2];
    // Before the deadline: due after now and within the window.
    for (Task task : engine.getTaskService().createTaskQuery().active().dueAfter(Date.from(now))
        .dueBefore(Date.from(now.plus(properties.before()))).orderByDueDate().asc().listPage(0, PAGE)) {
      for (String group : candidateGroups(task)) {
        add(totals, remind(task, Kind.DUE_SOON, group, now));
      }
    }
    // At escalation: overdue and offered to an escalation group that its step does not name.
    if (!properties.escalationGroups().isEmpty()) {
      for (Task task : engine.getTaskService().createTaskQuery().active()
          .taskCandidateGroupIn(properties.escalationGroups()).includeAssignedTasks().dueBefore(Date.from(now)).orderByDueDate().asc()
          .listPage(0, PAGE)) {
        Set<String> modelled = modelledGroups(task);
        if (modelled == null) {
          continue;
        }
        for (String group : candidateGroups(task)) {
          if (properties.escalationGroups().contains(group) && !modelled.contains(group)) {
            add(totals, remind(task, Kind.ESCALATED, group, now));
          }
        }
      }
    }
    return new Scan(true, totals[0], totals[1]);
  }

  private static void add(int[] totals, int recipients) {
    if (recipients > 0) {
      totals[0]++;
      totals[1] += recipients;
    }
  }

  /** Sends one reminder unless it was sent already; returns the number of addresses it went to. */
  private int remind(Task task, Kind kind, String group, Instant now) {
    if (task.getProcessInstanceId() == null) {
      return 0; // a task made by hand belongs to no case and has no reference
    }
    Instant due = task.getDueDate().toInstant();
    if (!ledger.claim(task.getId(), kind, group, due, now)) {
      return 0;
    }
    List<String> addresses = addresses(group);
    if (addresses.isEmpty()) {
      ledger.sent(task.getId(), kind, group, due, 0, now);
      log.info("Reminder for task {} not sent: no member of {} has an e-mail address", task.getId(), group);
      return 0;
    }
    ReminderWording.Mail text = wording.compose(kind, reference(task), stepName(task), due,
        properties.taskLink(task.getId()));
    try {
      // One message to the whole group, the addresses in Bcc: members do not see each other's addresses, and
      // the group gets it in one go or not at all.
      mail.send(message -> {
        MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setBcc(addresses.stream().map(TaskReminders::address).toArray(InternetAddress[]::new));
        helper.setSubject(text.subject());
        helper.setText(text.body());
      });
    } catch (MailException e) {
      ledger.release(task.getId(), kind, group, due);
      log.warn("Reminder for task {} to {} not sent, tried again on the next scan: {}", task.getId(), group,
          e.getClass().getSimpleName());
      return 0;
    }
    ledger.sent(task.getId(), kind, group, due, addresses.size(), clock.instant());
    return addresses.size();
  }

  private static InternetAddress address(String email) {
    try {
      return new InternetAddress(email, true);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalStateException("not an e-mail address", e);
    }
  }

  private List<String> candidateGroups(Task task) {
    List<String> groups = new ArrayList<>();
    for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        groups.add(link.getGroupId());
      }
    }
    return groups;
  }

  /** Members of the group with a well-formed e-mail address, each once. */
  private List<String> addresses(String group) {
    Set<String> addresses = new LinkedHashSet<>();
    for (User user : engine.getIdentityService().createUserQuery().memberOfGroup(group).orderByUserId().asc().list()) {
      String email = user.getEmail();
      if (email != null && !email.isBlank() && wellFormed(email.strip())) {
        addresses.add(email.strip());
      }
    }
    return List.copyOf(addresses);
  }

  private static boolean wellFormed(String email) {
    try {
      new InternetAddress(email, true).validate();
      return true;
    } catch (jakarta.mail.internet.AddressException e) {
      return false;
    }
  }

  /** The case's reference: the business key every process of the city sets (FR-, contact and complaint numbers). */
  private String reference(Task task) {
    ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult();
    return instance == null || instance.getBusinessKey() == null ? "(no reference)" : instance.getBusinessKey();
  }

  /**
   * The step's name as the process model has it, not the task's current name: the model is what the city
   * deployed, while a task's name can be changed through the API.
   */
  private String stepName(Task task) {
    UserTask step = userTask(task);
    return step != null && step.getName() != null ? step.getName().strip() : task.getTaskDefinitionKey();
  }

  /** The candidate groups the step names in the model; null if they are an expression (or the step is unknown). */
  private Set<String> modelledGroups(Task task) {
    UserTask step = userTask(task);
    if (step == null) {
      return null;
    }
    String groups = step.getCamundaCandidateGroups();
    if (groups == null || groups.isBlank()) {
      return Set.of();
    }
    if (groups.contains("${") || groups.contains("#{")) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    Arrays.stream(groups.split(",")).map(String::strip).filter(g -> !g.isEmpty()).forEach(names::add);
    return names;
  }

  private UserTask userTask(Task task) {
    if (task.getProcessDefinitionId() == null) {
      return null;
    }
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId());
    return model != null && model.getModelElementById(task.getTaskDefinitionKey()) instanceof UserTask step
        ? step : null;
  }
}
