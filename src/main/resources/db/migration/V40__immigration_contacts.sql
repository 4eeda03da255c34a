-- Immigration-contact reports (bpmn/immigration-contact.bpmn). Personal data (agents' names and badges as
-- given, free-text descriptions) lives here and only here; the process carries the id and codes.

-- Human references <prefix>-<year>-<5 digits> for records other than federal requests (IC, CP, RP).
CREATE TABLE reference_sequence (
    prefix     VARCHAR(4) NOT NULL,
    year       INTEGER    NOT NULL,
    last_value INTEGER    NOT NULL,
    PRIMARY KEY (prefix, year)
);

CREATE TABLE contact_report (
    id                      UUID          PRIMARY KEY,
    reference               VARCHAR(20)   NOT NULL UNIQUE,
    occurred_at             TIMESTAMPTZ   NOT NULL,
    report_due_at           TIMESTAMPTZ   NOT NULL,
    reported_late           BOOLEAN       NOT NULL DEFAULT FALSE,
    contact_kind            VARCHAR(32)   NOT NULL,
    agency_claimed          VARCHAR(32)   NOT NULL,
    identification          VARCHAR(32)   NOT NULL,
    vehicles_marked         VARCHAR(16)   NOT NULL,
    request_made            BOOLEAN       NOT NULL DEFAULT FALSE,
    anyone_detained         BOOLEAN       NOT NULL DEFAULT FALSE,
    detained_count          INTEGER,
    warrant_shown           BOOLEAN       NOT NULL DEFAULT FALSE,
    warrant_kind            VARCHAR(24),
    -- personal / free text
    location_block          TEXT,
    identification_details  TEXT,
    vehicle_description     TEXT,
    agents_requested        TEXT,
    staff_action            TEXT,
    -- workflow state
    status                  VARCHAR(32)   NOT NULL,
    review_outcome          VARCHAR(24),
    review_notes            TEXT,
    reviewed_by             VARCHAR(128),
    reviewed_at             TIMESTAMPTZ,
    corrections             INTEGER       NOT NULL DEFAULT 0,
    process_instance_id     VARCHAR(64),
    reported_by             VARCHAR(128)  NOT NULL,
    created_at              TIMESTAMPTZ   NOT NULL DEFAULT now(),
    personal_data_purged_at TIMESTAMPTZ,
    version                 BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX contact_report_occurred_at ON contact_report (occurred_at);

-- A contact that included a request, turned into a federal request: one row links both ways.
CREATE TABLE contact_request_link (
    contact_id        UUID          NOT NULL REFERENCES contact_report (id),
    request_id        UUID          NOT NULL REFERENCES federal_request (id),
    request_reference VARCHAR(20)   NOT NULL,
    linked_by         VARCHAR(128)  NOT NULL,
    linked_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (contact_id, request_id)
);
CREATE INDEX contact_request_link_request ON contact_request_link (request_id);
