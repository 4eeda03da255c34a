-- Daily counts of log events for the public reports. Kept by a trigger inside the appending statement
-- itself (no extra round trip, no extra commit), so that a report reads at most a few rows per day and
-- never scans the log. Days are UTC dates of recorded_at. Empty codes are stored as '' to fit the key.
-- The counts are a convenience derived from the log; the signed log remains the record.
CREATE TABLE transparency_daily_count (
    day             DATE        NOT NULL,
    event_type      VARCHAR(32) NOT NULL,
    agency          VARCHAR(32) NOT NULL,
    request_type    VARCHAR(40) NOT NULL,
    access_category VARCHAR(40) NOT NULL,
    decision        VARCHAR(24) NOT NULL,
    n               BIGINT      NOT NULL,
    PRIMARY KEY (day, event_type, agency, request_type, access_category, decision)
);

CREATE FUNCTION transparency_count_entry() RETURNS trigger AS $$
BEGIN
    INSERT INTO transparency_daily_count AS c (day, event_type, agency, request_type, access_category, decision, n)
    VALUES ((NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.event_type, coalesce(NEW.agency, ''),
            coalesce(NEW.request_type, ''), coalesce(NEW.access_category, ''), coalesce(NEW.decision, ''), 1)
    ON CONFLICT (day, event_type, agency, request_type, access_category, decision) DO UPDATE SET n = c.n + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER transparency_entry_daily_count
    AFTER INSERT ON transparency_entry
    FOR EACH ROW EXECUTE FUNCTION transparency_count_entry();

-- Entries written before this migration.
INSERT INTO transparency_daily_count (day, event_type, agency, request_type, access_category, decision, n)
SELECT (recorded_at AT TIME ZONE 'UTC')::date, event_type, coalesce(agency, ''), coalesce(request_type, ''),
       coalesce(access_category, ''), coalesce(decision, ''), count(*)
  FROM transparency_entry
 GROUP BY 1, 2, 3, 4, 5, 6;
