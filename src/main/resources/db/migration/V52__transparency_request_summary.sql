-- One row per request reference for the public report: when it was logged as received and when the final
-- decision was logged (a request for more information is not final). Kept by a trigger in the appending
-- statement, like the daily counts, so outcome and time-to-decision reports never read the log itself.
CREATE TABLE transparency_request_summary (
    reference    VARCHAR(20) PRIMARY KEY,
    received_day DATE        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    decided_at   TIMESTAMPTZ,
    decision     VARCHAR(24)
);
CREATE INDEX transparency_request_summary_day ON transparency_request_summary (received_day);

CREATE FUNCTION transparency_summarize_entry() RETURNS trigger AS $$
BEGIN
    IF NEW.event_type = 'RECEIVED' THEN
        INSERT INTO transparency_request_summary (reference, received_day, received_at)
        VALUES (NEW.reference, (NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.recorded_at)
        ON CONFLICT (reference) DO NOTHING;
    ELSIF NEW.event_type = 'DECIDED' AND NEW.decision IS NOT NULL AND NEW.decision <> 'REQUEST_INFO' THEN
        UPDATE transparency_request_summary
           SET decided_at = NEW.recorded_at, decision = NEW.decision
         WHERE reference = NEW.reference AND decided_at IS NULL;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER transparency_entry_request_summary
    AFTER INSERT ON transparency_entry
    FOR EACH ROW EXECUTE FUNCTION transparency_summarize_entry();

-- Entries written before this migration.
INSERT INTO transparency_request_summary (reference, received_day, received_at)
SELECT reference, (min(recorded_at) AT TIME ZONE 'UTC')::date, min(recorded_at)
  FROM transparency_entry WHERE event_type = 'RECEIVED' GROUP BY reference;
UPDATE transparency_request_summary s
   SET decided_at = d.recorded_at, decision = d.decision
  FROM (SELECT DISTINCT ON (reference) reference, recorded_at, decision
          FROM transparency_entry
         WHERE event_type = 'DECIDED' AND decision IS NOT NULL AND decision <> 'REQUEST_INFO'
         ORDER BY reference, seq) d
 WHERE s.reference = d.reference;
