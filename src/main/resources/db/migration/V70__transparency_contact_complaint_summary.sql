-- Public report figures for immigration contacts and complaints (issue 7), kept like the others by triggers in
-- the appending statement, so no report reads the log itself.
--
-- 1. The daily counts gain the process column, so each part of the report counts only its own process
--    (a contact's ESCALATED entry, for example, is not a federal request's). Rebuilt once from the log here.
ALTER TABLE transparency_daily_count ADD COLUMN process VARCHAR(40) NOT NULL DEFAULT '';
TRUNCATE transparency_daily_count;
ALTER TABLE transparency_daily_count DROP CONSTRAINT transparency_daily_count_pkey;
ALTER TABLE transparency_daily_count ALTER COLUMN process DROP DEFAULT;
ALTER TABLE transparency_daily_count
    ADD PRIMARY KEY (day, process, event_type, agency, request_type, access_category, decision);

CREATE OR REPLACE FUNCTION transparency_count_entry() RETURNS trigger AS $$
BEGIN
    INSERT INTO transparency_daily_count AS c
           (day, process, event_type, agency, request_type, access_category, decision, n)
    VALUES ((NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.process, NEW.event_type, coalesce(NEW.agency, ''),
            coalesce(NEW.request_type, ''), coalesce(NEW.access_category, ''), coalesce(NEW.decision, ''), 1)
    ON CONFLICT (day, process, event_type, agency, request_type, access_category, decision)
    DO UPDATE SET n = c.n + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

INSERT INTO transparency_daily_count (day, process, event_type, agency, request_type, access_category, decision, n)
SELECT (recorded_at AT TIME ZONE 'UTC')::date, process, event_type, coalesce(agency, ''), coalesce(request_type, ''),
       coalesce(access_category, ''), coalesce(decision, ''), count(*)
  FROM transparency_entry
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- 2. The per-request summary only ever describes federal requests.
CREATE OR REPLACE FUNCTION transparency_summarize_entry() RETURNS trigger AS $$
BEGIN
    IF NEW.process <> 'federal-request' THEN
        RETURN NULL;
    END IF;
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

-- 3. One row per complaint: when it was logged as filed and when its (first) finding was logged, for the time
--    to finding. Only the complaint number and codes: nothing that identifies a complainant.
CREATE TABLE transparency_complaint_summary (
    reference  VARCHAR(20) PRIMARY KEY,
    filed_day  DATE        NOT NULL,
    filed_at   TIMESTAMPTZ NOT NULL,
    finding_at TIMESTAMPTZ,
    finding    VARCHAR(24)
);
CREATE INDEX transparency_complaint_summary_day ON transparency_complaint_summary (filed_day);

CREATE FUNCTION transparency_summarize_complaint() RETURNS trigger AS $$
BEGIN
    IF NEW.event_type = 'COMPLAINT_FILED' THEN
        INSERT INTO transparency_complaint_summary (reference, filed_day, filed_at)
        VALUES (NEW.reference, (NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.recorded_at)
        ON CONFLICT (reference) DO NOTHING;
    ELSIF NEW.event_type = 'COMPLAINT_FINDING' AND NEW.decision IS NOT NULL THEN
        UPDATE transparency_complaint_summary
           SET finding_at = NEW.recorded_at, finding = NEW.decision
         WHERE reference = NEW.reference AND finding_at IS NULL;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER transparency_entry_complaint_summary
    AFTER INSERT ON transparency_entry
    FOR EACH ROW WHEN (NEW.process = 'complaint')
    EXECUTE FUNCTION transparency_summarize_complaint();

-- Complaints logged before this migration.
INSERT INTO transparency_complaint_summary (reference, filed_day, filed_at)
SELECT reference, (min(recorded_at) AT TIME ZONE 'UTC')::date, min(recorded_at)
  FROM transparency_entry WHERE process = 'complaint' AND event_type = 'COMPLAINT_FILED' GROUP BY reference;
UPDATE transparency_complaint_summary s
   SET finding_at = f.recorded_at, finding = f.decision
  FROM (SELECT DISTINCT ON (reference) reference, recorded_at, decision
          FROM transparency_entry
         WHERE process = 'complaint' AND event_type = 'COMPLAINT_FINDING' AND decision IS NOT NULL
         ORDER BY reference, seq) f
 WHERE s.reference = f.reference;
-- Index for contacts by month (day ranges of one process and event).
CREATE INDEX transparency_daily_count_process ON transparency_daily_count (process, event_type, day);
