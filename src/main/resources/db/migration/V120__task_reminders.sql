-- Reminder e-mails sent about open tasks (reminder.TaskReminders): one row per task, kind (DUE_SOON before the
-- deadline, ESCALATED when an overdue task was offered to a supervisors' group), group and due time. A node inserts
-- the row before it sends, so the key lets exactly one node send each reminder, once, also after a restart. A
-- changed due date is a new reminder. No personal data: engine ids, a group id and times only.
CREATE TABLE task_reminder (
    task_id    VARCHAR(64)  NOT NULL,
    kind       VARCHAR(16)  NOT NULL CHECK (kind IN ('DUE_SOON', 'ESCALATED')),
    group_id   VARCHAR(64)  NOT NULL,
    due_at     TIMESTAMPTZ  NOT NULL,
    node       VARCHAR(255) NOT NULL,
    claimed_at TIMESTAMPTZ  NOT NULL,
    -- set once the mail server took the message; NULL while it is being sent
    sent_at    TIMESTAMPTZ,
    -- how many addresses it went to (0: no member of the group has an e-mail address)
    recipients INTEGER,
    PRIMARY KEY (task_id, kind, group_id, due_at)
);
