package org.sanctuarycity.workflow.reminder;

import java.time.Duration;
import java.util.List;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * app.reminders: reminder e-mails about open tasks. They are sent only when an SMTP server is configured
 * (spring.mail.host); see {@link TaskReminders}.
 *
 * @param cron when open tasks are checked (Spring cron, in the city's time zone); "-" never
 * @param before how long before its due date a task's candidate groups are reminded
 * @param baseUrl where staff reach this server (the Tasklist link in the mail), e.g. https://workflow.city.gov
 * @param from the sender address of the mails
 * @param escalationGroups groups whose members are mailed when an overdue task is offered to them (escalation)
 * @param wording the properties file with the subjects and texts of the mails
 */
@ConfigurationProperties("app.reminders")
public record ReminderProperties(
    @DefaultValue("0 */5 * * * *") String cron,
    @DefaultValue("PT4H") Duration before,
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue("workflow-reminders@localhost") String from,
    @DefaultValue({Groups.CITY_ATTORNEY_SUPERVISORS, Groups.POLICE_SUPERVISORS}) List<String> escalationGroups,
    @DefaultValue("classpath:reminders/reminders.properties") String wording) {

  public ReminderProperties {
    if (before == null || before.isNegative() || before.isZero()) {
      throw new IllegalArgumentException("app.reminders.before must be a positive duration such as PT4H; got " + before);
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    escalationGroups = List.copyOf(escalationGroups);
  }

  /** The task in Tasklist; the page asks for a login first. */
  String taskLink(String taskId) {
    return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }
}
