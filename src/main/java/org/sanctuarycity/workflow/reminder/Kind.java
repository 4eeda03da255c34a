package org.sanctuarycity.workflow.reminder;

/** Which reminder a mail is; stored in task_reminder.kind. */
enum Kind {
  /** The task's due date is within app.reminders.before: its candidate groups are reminded. */
  DUE_SOON("due-soon"),
  /** The task is overdue and was offered to a supervisors' group (escalation): that group is told. */
  ESCALATED("escalated");

  private final String key;

  Kind(String key) {
    this.key = key;
  }

  /** Prefix of its keys in the wording file. */
  String key() {
    return key;
  }
}
