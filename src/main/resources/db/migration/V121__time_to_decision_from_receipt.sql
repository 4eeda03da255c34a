-- Hours from receipt to decision count from when the request was received, as the desk entered it
-- (federal_request.received_at: the fax came in at 09:00 and was entered at 10:30), not from when its RECEIVED entry
-- was logged. Which day (and so which period) a request is counted in stays the day of its RECEIVED entry, like
-- every other count of the report. A receipt time after the entry (a clock off at the desk) counts as the entry's
-- time, so no duration is negative. The log itself is unchanged: the receipt time is the request's record, not a
-- public field. As in V106 otherwise.
CREATE OR REPLACE FUNCTION transparency_summarize_entry() RETURNS trigger AS $$
DECLARE
    r_day DATE;
    r_at  TIMESTAMPTZ;
    d_at  TIMESTAMPTZ;
    d_old VARCHAR(24);
BEGIN
    IF NEW.process <> 'federal-request' THEN
        RETURN NULL;
    END IF;
    IF NEW.event_type = 'RECEIVED' THEN
        -- The request's row is written (flushed) before its entry, in the same transaction.
        SELECT least(f.received_at, NEW.recorded_at) INTO r_at FROM federal_request f WHERE f.reference = NEW.reference;
        INSERT INTO transparency_request_summary (reference, received_day, received_at)
        VALUES (NEW.reference, (NEW.recorded_at AT TIME ZONE 'UTC')::date, coalesce(r_at, NEW.recorded_at))
        ON CONFLICT (reference) DO NOTHING;
        -- Only a request's first RECEIVED makes a summary, so only that one is counted.
        IF FOUND THEN
            PERFORM transparency_count_outcome(NEW.process, (NEW.recorded_at AT TIME ZONE 'UTC')::date, '', -1, 1);
        END IF;
    ELSIF NEW.event_type = 'DECIDED' AND NEW.decision IS NOT NULL AND NEW.decision <> 'REQUEST_INFO' THEN
        UPDATE transparency_request_summary
           SET decided_at = NEW.recorded_at, decision = NEW.decision
         WHERE reference = NEW.reference AND decided_at IS NULL
        RETURNING received_day, received_at INTO r_day, r_at;
        -- Only the first final decision counts, as in the summary.
        IF FOUND THEN
            PERFORM transparency_count_outcome(NEW.process, r_day, '', -1, -1);
            PERFORM transparency_count_outcome(NEW.process, r_day, NEW.decision,
                                               transparency_duration_hours(NEW.recorded_at - r_at), 1);
        END IF;
    ELSIF NEW.event_type = 'DECISION_AMENDED' AND NEW.decision IS NOT NULL AND NEW.decision <> 'REQUEST_INFO' THEN
        SELECT received_day, received_at, decided_at, decision INTO r_day, r_at, d_at, d_old
          FROM transparency_request_summary
         WHERE reference = NEW.reference AND decided_at IS NOT NULL
           FOR UPDATE;
        IF FOUND AND d_old IS DISTINCT FROM NEW.decision THEN
            UPDATE transparency_request_summary SET decision = NEW.decision WHERE reference = NEW.reference;
            PERFORM transparency_count_outcome(NEW.process, r_day, d_old, transparency_duration_hours(d_at - r_at), -1);
            PERFORM transparency_count_outcome(NEW.process, r_day, NEW.decision,
                                               transparency_duration_hours(d_at - r_at), 1);
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Requests summarized before this migration: their receipt time as entered, and the rollups again from the
-- summaries (V80's backfill). Signed quarterly reports keep the figures they were signed with.
UPDATE transparency_request_summary s
   SET received_at = least(f.received_at, s.received_at)
  FROM federal_request f
 WHERE f.reference = s.reference AND f.received_at < s.received_at;
SELECT transparency_rebuild_rollups();
