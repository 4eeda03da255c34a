-- Complaints under the private right of action (bpmn/complaint.bpmn) and legal holds.

CREATE TABLE complaint (
    id                      UUID          PRIMARY KEY,
    reference               VARCHAR(20)   NOT NULL UNIQUE,
    -- SHA-256 of the complainant's status-check token; the token itself is never stored
    status_token_hash       VARCHAR(64)   NOT NULL,
    channel                 VARCHAR(16)   NOT NULL,
    language                VARCHAR(8)    NOT NULL,
    anonymous               BOOLEAN       NOT NULL,
    filed_by_attorney       BOOLEAN       NOT NULL DEFAULT FALSE,
    -- personal data of the complainant and the account
    complainant_name        TEXT,
    complainant_contact     TEXT,
    incident_date           DATE,
    incident_location       TEXT,
    description             TEXT,
    named_references        VARCHAR(400),
    -- city attorney's work
    status                  VARCHAR(24)   NOT NULL,
    investigator            VARCHAR(128),
    investigation_notes     TEXT,
    evidence_list           TEXT,
    finding                 VARCHAR(24),
    finding_rationale       TEXT,
    finding_at              TIMESTAMPTZ,
    response_text           TEXT,
    responded_at            TIMESTAMPTZ,
    process_instance_id     VARCHAR(64),
    filed_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    personal_data_purged_at TIMESTAMPTZ,
    version                 BIGINT        NOT NULL DEFAULT 0
);

-- Records a complaint concerns (federal requests, contact reports), linked at filing or triage.
CREATE TABLE complaint_link (
    complaint_id UUID         NOT NULL REFERENCES complaint (id),
    record_type  VARCHAR(24)  NOT NULL,
    record_id    UUID         NOT NULL,
    reference    VARCHAR(20)  NOT NULL,
    linked_by    VARCHAR(128) NOT NULL,
    linked_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (complaint_id, record_type, record_id)
);

-- A record under legal hold is never purged and its engine history never cleaned up until released.
CREATE TABLE legal_hold (
    id                  UUID         PRIMARY KEY,
    record_type         VARCHAR(24)  NOT NULL,
    record_id           UUID         NOT NULL,
    reference           VARCHAR(20)  NOT NULL,
    process_instance_id VARCHAR(64),
    complaint_id        UUID         NOT NULL REFERENCES complaint (id),
    reason              VARCHAR(200) NOT NULL,
    placed_by           VARCHAR(128) NOT NULL,
    placed_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    released_by         VARCHAR(128),
    released_at         TIMESTAMPTZ
);
CREATE INDEX legal_hold_record ON legal_hold (record_type, record_id) WHERE released_at IS NULL;
CREATE INDEX legal_hold_process ON legal_hold (process_instance_id) WHERE released_at IS NULL;
CREATE UNIQUE INDEX legal_hold_active ON legal_hold (record_type, record_id, complaint_id) WHERE released_at IS NULL;

-- Retention: when personal data of a federal request was purged (the de-identified row stays).
ALTER TABLE federal_request ADD COLUMN personal_data_purged_at TIMESTAMPTZ;

-- One row per retention run, with its counts; the run is also in the transparency log (RETENTION_PURGE).
CREATE TABLE retention_run (
    id             UUID         PRIMARY KEY,
    reference      VARCHAR(20)  NOT NULL UNIQUE,
    run_at         TIMESTAMPTZ  NOT NULL,
    cutoff         TIMESTAMPTZ  NOT NULL,
    period         VARCHAR(32)  NOT NULL,
    purged_requests INTEGER     NOT NULL,
    purged_contacts INTEGER     NOT NULL,
    purged_complaints INTEGER   NOT NULL,
    skipped_held   INTEGER      NOT NULL,
    run_by         VARCHAR(128) NOT NULL
);
