-- Monthly rollups for the public report, so that a report's cost is set by the months and code combinations
-- of its period, not by how many requests came in. The report periods are calendar months, quarters and years
-- (or chosen days: whole months are then read from the monthly tables and the days at either edge from the
-- daily ones). Kept, like the daily counts and summaries before them, by the triggers that run inside the
-- statement appending to transparency_entry; derived data, the signed log remains the record.

-- 1. transparency_daily_count summed per UTC month (month = its first day).
CREATE TABLE transparency_monthly_count (
    month           DATE        NOT NULL,
    process         VARCHAR(40) NOT NULL,
    event_type      VARCHAR(32) NOT NULL,
    agency          VARCHAR(32) NOT NULL,
    request_type    VARCHAR(40) NOT NULL,
    access_category VARCHAR(40) NOT NULL,
    decision        VARCHAR(24) NOT NULL,
    n               BIGINT      NOT NULL,
    PRIMARY KEY (month, process, event_type, agency, request_type, access_category, decision)
);

-- 2. Federal requests by the day they were received, and complaints by the day they were filed, counted by
--    their final decision (finding) and the time it took, rounded by transparency_duration_hours: the outcome
--    table and the time-to-decision and time-to-finding percentiles come from here instead of one summary row
--    per request. grain 'D' rows are per UTC day (period_start is the day), grain 'M' rows per UTC month
--    (period_start is its first day); each request is counted in one row of each grain. While no final
--    decision is logged a request counts under outcome '' and hours -1; the decision moves it (that row then
--    may hold 0).
CREATE TABLE transparency_outcome_count (
    grain        CHAR(1)     NOT NULL CHECK (grain IN ('D', 'M')),
    period_start DATE        NOT NULL,
    process      VARCHAR(40) NOT NULL,
    outcome      VARCHAR(24) NOT NULL,
    hours        INTEGER     NOT NULL,
    n            BIGINT      NOT NULL,
    PRIMARY KEY (grain, period_start, process, outcome, hours)
);

-- The resolution of the published durations: whole hours up to 30 days (720 h), whole days (multiples of 24 h)
-- beyond, each rounded to the nearest. It bounds the rows per day or month by the number of distinct rounded
-- durations, and moves a median or 90th percentile by at most half an hour (half a day past 30 days).
CREATE FUNCTION transparency_duration_hours(d INTERVAL) RETURNS INTEGER AS $$
    SELECT CASE WHEN extract(epoch FROM d) < 720 * 3600 THEN round(extract(epoch FROM d) / 3600)::integer
                ELSE (round(extract(epoch FROM d) / 86400) * 24)::integer END;
$$ LANGUAGE sql IMMUTABLE;

-- Adds delta to one request's (or complaint's) day and month rows; one statement for both grains.
CREATE FUNCTION transparency_count_outcome(p_process VARCHAR, p_day DATE, p_outcome VARCHAR, p_hours INTEGER,
                                           p_delta INTEGER) RETURNS void AS $$
BEGIN
    INSERT INTO transparency_outcome_count AS o (grain, period_start, process, outcome, hours, n)
    VALUES ('D', p_day, p_process, p_outcome, p_hours, p_delta),
           ('M', date_trunc('month', p_day)::date, p_process, p_outcome, p_hours, p_delta)
    ON CONFLICT (grain, period_start, process, outcome, hours) DO UPDATE SET n = o.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;

-- 3. The triggers' functions, as in V70 plus the rollups (same triggers, so in the same appending statement).
CREATE OR REPLACE FUNCTION transparency_count_entry() RETURNS trigger AS $$
BEGIN
    INSERT INTO transparency_daily_count AS c
           (day, process, event_type, agency, request_type, access_category, decision, n)
    VALUES ((NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.process, NEW.event_type, coalesce(NEW.agency, ''),
            coalesce(NEW.request_type, ''), coalesce(NEW.access_category, ''), coalesce(NEW.decision, ''), 1)
    ON CONFLICT (day, process, event_type, agency, request_type, access_category, decision)
    DO UPDATE SET n = c.n + 1;
    INSERT INTO transparency_monthly_count AS m
           (month, process, event_type, agency, request_type, access_category, decision, n)
    VALUES (date_trunc('month', NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.process, NEW.event_type,
            coalesce(NEW.agency, ''), coalesce(NEW.request_type, ''), coalesce(NEW.access_category, ''),
            coalesce(NEW.decision, ''), 1)
    ON CONFLICT (month, process, event_type, agency, request_type, access_category, decision)
    DO UPDATE SET n = m.n + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION transparency_summarize_entry() RETURNS trigger AS $$
DECLARE
    r_day DATE;
    r_at  TIMESTAMPTZ;
BEGIN
    IF NEW.process <> 'federal-request' THEN
        RETURN NULL;
    END IF;
    IF NEW.event_type = 'RECEIVED' THEN
        INSERT INTO transparency_request_summary (reference, received_day, received_at)
        VALUES (NEW.reference, (NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.recorded_at)
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
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION transparency_summarize_complaint() RETURNS trigger AS $$
DECLARE
    f_day DATE;
    f_at  TIMESTAMPTZ;
BEGIN
    IF NEW.event_type = 'COMPLAINT_FILED' THEN
        INSERT INTO transparency_complaint_summary (reference, filed_day, filed_at)
        VALUES (NEW.reference, (NEW.recorded_at AT TIME ZONE 'UTC')::date, NEW.recorded_at)
        ON CONFLICT (reference) DO NOTHING;
        IF FOUND THEN
            PERFORM transparency_count_outcome(NEW.process, (NEW.recorded_at AT TIME ZONE 'UTC')::date, '', -1, 1);
        END IF;
    ELSIF NEW.event_type = 'COMPLAINT_FINDING' AND NEW.decision IS NOT NULL THEN
        UPDATE transparency_complaint_summary
           SET finding_at = NEW.recorded_at, finding = NEW.decision
         WHERE reference = NEW.reference AND finding_at IS NULL
        RETURNING filed_day, filed_at INTO f_day, f_at;
        IF FOUND THEN
            PERFORM transparency_count_outcome(NEW.process, f_day, '', -1, -1);
            PERFORM transparency_count_outcome(NEW.process, f_day, NEW.decision,
                                               transparency_duration_hours(NEW.recorded_at - f_at), 1);
        END IF;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- 4. Fills both rollups from the daily counts and summaries, which hold the same facts: what this migration
--    does once for the entries logged before it, and what a test and the benchmark run to check and seed the
--    rollups exactly as this migration does. Table names resolve through the search path.
CREATE FUNCTION transparency_rebuild_rollups() RETURNS void AS $$
BEGIN
    DELETE FROM transparency_monthly_count;
    INSERT INTO transparency_monthly_count
           (month, process, event_type, agency, request_type, access_category, decision, n)
    SELECT date_trunc('month', day)::date, process, event_type, agency, request_type, access_category, decision,
           sum(n)
      FROM transparency_daily_count
     GROUP BY 1, 2, 3, 4, 5, 6, 7;

    DELETE FROM transparency_outcome_count;
    INSERT INTO transparency_outcome_count (grain, period_start, process, outcome, hours, n)
    SELECT g.grain, CASE g.grain WHEN 'D' THEN s.day ELSE date_trunc('month', s.day)::date END,
           s.process, s.outcome, s.hours, count(*)
      FROM (SELECT 'federal-request' AS process, received_day AS day, coalesce(decision, '') AS outcome,
                   CASE WHEN decided_at IS NULL THEN -1
                        ELSE transparency_duration_hours(decided_at - received_at) END AS hours
              FROM transparency_request_summary
            UNION ALL
            SELECT 'complaint', filed_day, coalesce(finding, ''),
                   CASE WHEN finding_at IS NULL THEN -1
                        ELSE transparency_duration_hours(finding_at - filed_at) END
              FROM transparency_complaint_summary) s
     CROSS JOIN (VALUES ('D'), ('M')) AS g (grain)
     GROUP BY 1, 2, 3, 4, 5;
END;
$$ LANGUAGE plpgsql;

SELECT transparency_rebuild_rollups();
