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
