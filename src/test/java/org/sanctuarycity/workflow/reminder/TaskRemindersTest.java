package org.sanctuarycity.workflow.reminder;

import org.sanctuarycity.workflow.process.AsUser;
import org.sanctuarycity.workflow.process.FederalRequestFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.sanctuarycity.workflow.intake.NewRequest;
import org.sanctuarycity.workflow.policy.Agency;
import org.sanctuarycity.workflow.policy.Channel;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.RequestType;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;

/**
 * Reminder e-mails on the real application context (the test profile configures no SMTP server, as a fresh
 * installation). A GreenMail server stands for the city's mail server: the scans under test get a mail sender
 * pointed at it and a clock set near the task's due date, so nothing here changes the shared context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class TaskRemindersTest {

  static final String OFF = "Reminder e-mails are off: no SMTP server is configured (spring.mail.host)";

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  @Autowired ReminderProperties properties;
  @Autowired CityProperties city;
  @Autowired ResourceLoader resources;
  @Autowired IntakeService intake;
  /** The application's own, as configured: without spring.mail.host. */
  @Autowired TaskReminders configured;

  @AfterEach
  void clearAuthentication() {
    identityService.clearAuthentication();
  }

  @Test
  void aTaskNearItsDueDateIsMailedOnceToItsGroupWithTheReferenceAndLinkAndNoPersonalData() throws Exception {
    String name = "Remedios Altamirano-" + UUID.randomUUID().toString().substring(0, 6);
    IntakeService.Submission request = submit(name);
    Task verify = openTask(request);
    assertThat(verify.getTaskDefinitionKey()).isEqualTo("UserTask_VerifyWarrant");
    Instant due = verify.getDueDate().toInstant();
    List<String> verifiers = addresses(Groups.WARRANT_VERIFIERS);
    assertThat(verifiers).as("demo users with e-mail addresses").contains("verifier@demo.invalid");

    // Five hours before: outside the four-hour window, nothing yet.
    reminders(due.minus(Duration.ofHours(5))).scan();
    assertThat(mailsAbout(request.reference())).isEmpty();

    TaskReminders.Scan scan = reminders(due.minus(Duration.ofHours(1))).scan();
    assertThat(scan.enabled()).isTrue();
    Map<String, List<MimeMessage>> received = inboxes(request.reference());
    assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(verifiers);
    received.forEach((to, mails) -> assertThat(mails).as("mails to %s", to).hasSize(1));

    MimeMessage mail = received.get("verifier@demo.invalid").get(0);
    String subject = mail.getSubject();
    String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("\r\n", "\n");
    assertThat(subject).contains(request.reference()).contains("Verify warrant and requester").contains("is due");
    String localDue = DateTimeFormatter.ofPattern("h:mm a zzz", Locale.ENGLISH).withZone(city.zone()).format(due);
    assertThat(subject).contains(localDue);
    assertThat(body).contains(request.reference()).contains(localDue)
        .contains(properties.baseUrl() + "/camunda/app/tasklist/default/#/?task=" + verify.getId());
    assertThat(mail.getFrom()[0].toString()).isEqualTo(properties.from());
    assertThat(mail.getRecipients(jakarta.mail.Message.RecipientType.TO)).as("addresses in Bcc only").isNull();
    String whole = subject + "\n" + body + "\n" + headers(mail);
    assertThat(whole).doesNotContain(name).doesNotContain("Remedios").doesNotContain("Altamirano")
        .doesNotContain("1984-07-09").doesNotContain("07/09/1984").doesNotContain("Jul 1984")
        .doesNotContain("BK-7781").doesNotContain("Mendez");

    // The next scan, and a restarted node, send nothing more for this task.
    int before = mailsAbout(request.reference()).size();
    assertThat(reminders(due.minus(Duration.ofHours(1))).scan().mails()).isZero();
    reminders(due.minus(Duration.ofMinutes(20))).scan();
    assertThat(mailsAbout(request.reference())).hasSize(before);
    assertThat(jdbc.queryForList("SELECT kind, group_id, recipients FROM task_reminder WHERE task_id = ?",
        verify.getId())).containsExactly(Map.of("kind", "DUE_SOON", "group_id", Groups.WARRANT_VERIFIERS,
            "recipients", verifiers.size()));
  }

  @Test
  void anEscalatedLegalReviewIsMailedOnceToTheSupervisors() throws Exception {
    IntakeService.Submission request = submit("Escalation Subject-" + UUID.randomUUID().toString().substring(0, 6));
    Task verify = openTask(request);
    as("verifier", Groups.WARRANT_VERIFIERS, () -> {
      taskService.complete(verify.getId(), FederalRequestFixtures.administrativeFinding());
      return null;
    });
    Task review = openTask(request);
    assertThat(review.getTaskDefinitionKey()).isEqualTo("UserTask_LegalReview");
    Instant due = review.getDueDate().toInstant();

    // Before the deadline: the city attorney's group only.
    reminders(due.minus(Duration.ofHours(2))).scan();
    assertThat(inboxes(request.reference()).keySet())
        .containsExactlyInAnyOrderElementsOf(addresses(Groups.CITY_ATTORNEY));

    // The decision deadline passes: the overdue timer offers the review to the supervisors too.
    Job timer = managementService.createJobQuery().processInstanceId(request.processInstanceId())
        .activityId("BoundaryEvent_LegalReviewOverdue").singleResult();
    managementService.executeJob(timer.getId());
    assertThat(taskService.getIdentityLinksForTask(review.getId()))
        .anyMatch(l -> Groups.CITY_ATTORNEY_SUPERVISORS.equals(l.getGroupId()));

    TaskReminders late = reminders(due.plus(Duration.ofMinutes(3)));
    late.scan();
    List<String> supervisors = addresses(Groups.CITY_ATTORNEY_SUPERVISORS);
    assertThat(supervisors).contains("supervisor@demo.invalid");
    Map<String, List<MimeMessage>> escalated = inboxes(request.reference(), "Escalated");
    assertThat(escalated.keySet()).containsExactlyInAnyOrderElementsOf(supervisors);
    escalated.forEach((to, mails) -> assertThat(mails).as("escalation mails to %s", to).hasSize(1));
    MimeMessage mail = escalated.get("supervisor@demo.invalid").get(0);
    assertThat(mail.getSubject()).contains(request.reference()).contains("Legal review").contains("was due");
    assertThat(GreenMailUtil.getBody(mail).replace("=\r\n", "")).contains("?task=" + review.getId());
    assertThat(inboxes(request.reference(), "Escalated").keySet()).doesNotContain("attorney@demo.invalid");

    int before = mailsAbout(request.reference()).size();
    assertThat(late.scan().mails()).isZero();
    reminders(due.plus(Duration.ofHours(1))).scan();
    assertThat(mailsAbout(request.reference())).hasSize(before);
  }

  @Test
  void withNoMailServerNothingIsSentAndTheLogSaysSoOnce(CapturedOutput output) throws Exception {
    IntakeService.Submission request = submit("Quiet Subject-" + UUID.randomUUID().toString().substring(0, 6));
    Task verify = openTask(request);
    verify.setDueDate(java.util.Date.from(Instant.now().plus(Duration.ofHours(1))));
    taskService.saveTask(verify);

    assertThat(configured.scan().enabled()).isFalse();
    int logged = count(output.getOut(), OFF);
    TaskReminders off = new TaskReminders(engine, jdbc, properties, city, resources, Clock.systemUTC(),
        (org.springframework.mail.javamail.JavaMailSender) null);
    off.scan();
    off.scan();
    assertThat(count(output.getOut(), OFF)).as("one line when the reminders are made, none per scan")
        .isEqualTo(logged + 1);
    assertThat(mailsAbout(request.reference())).isEmpty();
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM task_reminder WHERE task_id = ?", Long.class, verify.getId()))
        .isZero();
  }

  // ---------------------------------------------------------------- helpers

  private TaskReminders reminders(Instant now) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtp.getSmtp().getPort());
    return new TaskReminders(engine, jdbc, properties, city, resources, Clock.fixed(now, ZoneOffset.UTC), sender);
  }

  private IntakeService.Submission submit(String name) {
    NewRequest input = new NewRequest(Agency.ICE_ERO, RequestType.ADMINISTRATIVE_WARRANT, Channel.IN_PERSON,
        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS),
        new NewRequest.Requester("Agent Mendez", "B-5521", "+1 (213) 555-0142", "mendez@example.gov"),
        new NewRequest.Subject(name, LocalDate.of(1984, 7, 9), "BK-7781", false, null),
        List.of(new NewRequest.Document("I-200", "DHS / ICE", "J. Officer", "Supervisory Detention Officer",
            LocalDate.now().minusDays(3))),
        "Request handed over at the front desk.");
    return as("desk", Groups.POLICE_DESK, () -> intake.submit(input, "desk", null));
  }

  private Task openTask(IntakeService.Submission request) {
    return taskService.createTaskQuery().processInstanceId(request.processInstanceId()).active().singleResult();
  }

  private <T> T as(String user, String group, Supplier<T> action) {
    return AsUser.run(identityService, user, group, action);
  }

  private List<String> addresses(String group) {
    return identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getEmail)
        .filter(e -> e != null && !e.isBlank()).distinct().sorted().toList();
  }

  /** Messages received by anyone whose subject names the reference. */
  private List<MimeMessage> mailsAbout(String reference) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (m.getSubject().contains(reference)) {
        found.add(m);
      }
    }
    return found;
  }

  private Map<String, List<MimeMessage>> inboxes(String reference) throws Exception {
    return inboxes(reference, "");
  }

  /** Per recipient address, the messages in their inbox whose subject names the reference and the word. */
  private Map<String, List<MimeMessage>> inboxes(String reference, String word) throws Exception {
    Map<String, List<MimeMessage>> byAddress = new HashMap<>();
    for (GreenMailUser user : smtp.getUserManager().listUser()) {
      for (StoredMessage stored : smtp.getManagers().getImapHostManager().getInbox(user).getMessages()) {
        MimeMessage m = stored.getMimeMessage();
        if (m.getSubject().contains(reference) && m.getSubject().contains(word)) {
          byAddress.computeIfAbsent(user.getEmail(), k -> new ArrayList<>()).add(m);
        }
      }
    }
    return byAddress;
  }

  private static String headers(MimeMessage mail) throws Exception {
    StringBuilder all = new StringBuilder();
    for (Header h : Collections.list(mail.getAllHeaders())) {
      all.append(h.getName()).append(": ").append(h.getValue()).append('\n');
    }
    return all.toString();
  }

  private static int count(String text, String line) {
    int n = 0;
    for (int i = text.indexOf(line); i >= 0; i = text.indexOf(line, i + line.length())) {
      n++;
    }
    return n;
  }
}
