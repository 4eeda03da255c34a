package org.sanctuarycity.workflow.reminder;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reminders already sent (table task_reminder). Each statement commits on its own: a claim is visible to the
 * other nodes at once, and its key lets only one of them have it.
 */
final class ReminderLedger {

  private final JdbcTemplate jdbc;
  private final String node;

  ReminderLedger(JdbcTemplate jdbc, String node) {
    this.jdbc = jdbc;
    this.node = node;
  }

  /** True if this node may send the reminder: nobody has sent it or is sending it. */
  boolean claim(String taskId, Kind kind, String group, Instant due, Instant now) {
    return jdbc.update("INSERT INTO task_reminder (task_id, kind, group_id, due_at, node, claimed_at)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", taskId, kind.name(), group, utc(due), node, utc(now)) == 1;
  }

  void sent(String taskId, Kind kind, String group, Instant due, int recipients, Instant now) {
    jdbc.update("UPDATE task_reminder SET sent_at = ?, recipients = ? WHERE task_id = ? AND kind = ? AND group_id = ?"
        + " AND due_at = ?", utc(now), recipients, taskId, kind.name(), group, utc(due));
  }

  /** The mail server refused: the claim goes, so the next scan tries again. */
  void release(String taskId, Kind kind, String group, Instant due) {
    jdbc.update("DELETE FROM task_reminder WHERE task_id = ? AND kind = ? AND group_id = ? AND due_at = ?"
        + " AND sent_at IS NULL", taskId, kind.name(), group, utc(due));
  }

  private static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
