-- Amending a decision before its response is sent (review.DecisionAmendments). The original legal_review row and
-- its DECIDED entry stay; the attorney's request to amend is one decision_amendment row (a reason code, who and
-- when: no personal data), and the corrected decision is a new legal_review row that names the row it corrects
-- and is logged as DECISION_AMENDED.
CREATE TABLE decision_amendment (
    id                UUID         PRIMARY KEY,
    request_id        UUID         NOT NULL REFERENCES federal_request (id),
    amends_review_id  UUID         NOT NULL REFERENCES legal_review (id),
    reason            VARCHAR(32)  NOT NULL
        CHECK (reason IN ('WRONG_DECISION', 'WRONG_LEGAL_BASIS', 'WRONG_RELEASED_ITEMS', 'NEW_INFORMATION')),
    requested_by      VARCHAR(128) NOT NULL,
    requested_at      TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    -- the corrected decision, once the attorney has made it
    amended_review_id UUID         REFERENCES legal_review (id)
);
CREATE INDEX decision_amendment_request ON decision_amendment (request_id, requested_at);
-- At most one amendment is waiting for its corrected decision per request.
CREATE UNIQUE INDEX decision_amendment_open ON decision_amendment (request_id) WHERE amended_review_id IS NULL;

ALTER TABLE legal_review ADD COLUMN amends_review_id UUID REFERENCES legal_review (id);

-- The public outcome of a request is the decision in force: a DECISION_AMENDED entry replaces the outcome its
-- request was counted under (time to decision still runs to the first final decision). As in V80 otherwise.
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
