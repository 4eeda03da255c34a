-- Spring's @Scheduled tasks fire on every node that shares this database. A task that must run once per
-- schedule (the nightly retention purge, the hourly checkpoint) first inserts its row here for the time the
-- schedule fired, in the transaction that does the work: the node whose insert succeeds runs the task, the
-- others find the row (or wait for it to commit) and skip. If the running node's transaction rolls back, its
-- row goes with it and a waiting node takes over. See common.ScheduledSlots.
CREATE TABLE scheduled_run (
    task       VARCHAR(60)  NOT NULL,
    slot       TIMESTAMPTZ  NOT NULL,
    node       VARCHAR(255) NOT NULL,
    started_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (task, slot)
);
