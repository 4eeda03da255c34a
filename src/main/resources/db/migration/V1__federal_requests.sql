-- The application's own tables. Personal data lives here and only here (never in process variables).

-- Legal bases the city attorney may cite. Extended by the city attorney through the API, never by code.
CREATE TABLE legal_basis (
    code        VARCHAR(64)   PRIMARY KEY,
    label       VARCHAR(200)  NOT NULL,
    description VARCHAR(2000),
    -- A basis that is a warrant or court order only supports compliance when verification found a valid judicial warrant.
    is_warrant  BOOLEAN       NOT NULL DEFAULT FALSE,
    active      BOOLEAN       NOT NULL DEFAULT TRUE,
    created_by  VARCHAR(128)  NOT NULL DEFAULT 'system',
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);

INSERT INTO legal_basis (code, label, description, is_warrant) VALUES
 ('ORDINANCE_2025_06', 'Huntington Park Ordinance No. 2025-06', 'City resources are not used for federal immigration enforcement unless required by law.', FALSE),
 ('SB54_7284_6_A1B', 'Gov. Code 7284.6(a)(1)(B): no holds on detainers', 'Detaining a person on the basis of a hold request is prohibited.', FALSE),
 ('SB54_7284_6_A1C', 'Gov. Code 7284.6(a)(1)(C): release-date notification', 'Only if the date is public or the person meets Gov. Code 7282.5; a response is never required.', FALSE),
 ('SB54_7284_6_A1D', 'Gov. Code 7284.6(a)(1)(D): personal information', 'No home or work address or other personal information unless already public.', FALSE),
 ('SB54_7284_6_A1E', 'Gov. Code 7284.6(a)(1)(E): civil immigration warrants', 'No arrests on civil immigration warrants, NCIC immigration-violator hits included.', FALSE),
 ('SB54_7284_6_A4', 'Gov. Code 7284.6(a)(4): transfers', 'Transfer only on a judicial warrant or judicial probable-cause determination for federal criminal immigration law, or per 7282.5.', FALSE),
 ('SB54_7284_6_B3', 'Gov. Code 7284.6(b)(3): joint task forces', 'Allowed only when immigration enforcement is not the primary purpose.', FALSE),
 ('GOV_7282_5', 'Gov. Code 7282.5 (TRUST Act) criteria met', 'Notification or transfer allowed because the person meets a listed criterion.', FALSE),
 ('TRUTH_ACT_7283_1', 'Gov. Code 7283.1 (TRUTH Act) interview consent', 'Interview only with written, voluntary consent; the person may have an attorney.', FALSE),
 ('JUDICIAL_WARRANT', 'Judicial warrant signed by a federal judge or magistrate judge', 'A warrant issued by a named court and signed by a judge.', TRUE),
 ('COURT_ORDER', 'Court order', 'An order of a named court signed by a judge.', TRUE),
 ('USC_8_1373', '8 U.S.C. 1373 / 1644', 'Information about citizenship or immigration status may not be restricted.', FALSE),
 ('NO_REPLY_NO_AUTHORITY', 'No legal authority shown', 'The agency did not provide the requested information within the deadline.', FALSE);

-- Human references FR-<year>-<5 digits>, counted per year.
CREATE TABLE reference_counter (
    year       INTEGER PRIMARY KEY,
    last_value INTEGER NOT NULL
);

CREATE TABLE federal_request (
    id                        UUID          PRIMARY KEY,
    reference                 VARCHAR(20)   NOT NULL UNIQUE,
    agency                    VARCHAR(32)   NOT NULL,
    request_type              VARCHAR(40)   NOT NULL,
    channel                   VARCHAR(16)   NOT NULL,
    received_at               TIMESTAMPTZ   NOT NULL,
    -- personal data of the requester and the subject
    requester_name            TEXT,
    requester_badge           TEXT,
    requester_phone           TEXT,
    requester_email           TEXT,
    subject_full_name         TEXT,
    subject_date_of_birth     TEXT,
    subject_booking_number    TEXT,
    subject_in_custody        BOOLEAN       NOT NULL DEFAULT FALSE,
    subject_scheduled_release TIMESTAMPTZ,
    summary                   TEXT,
    -- workflow state (codes only)
    status                    VARCHAR(32)   NOT NULL,
    immigration_related       BOOLEAN,
    access_category           VARCHAR(40),
    notify_person             BOOLEAN,
    decision_hours            INTEGER,
    verification_due_at       TIMESTAMPTZ,
    decision_due_at           TIMESTAMPTZ,
    warrant_finding           VARCHAR(24),
    requester_verified        BOOLEAN,
    decision                  VARCHAR(24),
    legal_basis               VARCHAR(64)   REFERENCES legal_basis (code),
    released_items            VARCHAR(1000),
    decided_at                TIMESTAMPTZ,
    response_text             TEXT,
    response_sent_at          TIMESTAMPTZ,
    response_method           VARCHAR(16),
    person_notified_at        TIMESTAMPTZ,
    notification_method       VARCHAR(32),
    closed_at                 TIMESTAMPTZ,
    process_instance_id       VARCHAR(64),
    idempotency_key           VARCHAR(128),
    created_by                VARCHAR(128)  NOT NULL,
    created_at                TIMESTAMPTZ   NOT NULL DEFAULT now(),
    version                   BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT federal_request_idempotency UNIQUE (created_by, idempotency_key)
);
CREATE INDEX federal_request_received_at ON federal_request (received_at);

CREATE TABLE request_document (
    id           UUID         PRIMARY KEY,
    request_id   UUID         NOT NULL REFERENCES federal_request (id),
    position     INTEGER      NOT NULL,
    form_number  VARCHAR(40),
    issued_by    TEXT,
    signed_by    TEXT,
    signer_title TEXT,
    issued_on    DATE
);
CREATE INDEX request_document_request ON request_document (request_id);

-- One row per verification round (a reply from the agency starts a new round).
CREATE TABLE warrant_verification (
    id                    UUID         PRIMARY KEY,
    request_id            UUID         NOT NULL REFERENCES federal_request (id),
    issuing_body          VARCHAR(32)  NOT NULL,
    signer                VARCHAR(32)  NOT NULL,
    form_number_check     VARCHAR(32)  NOT NULL,
    legal_basis_check     VARCHAR(32)  NOT NULL,
    particularity_ok      BOOLEAN      NOT NULL,
    not_expired           BOOLEAN      NOT NULL,
    federal_criminal_law  BOOLEAN      NOT NULL,
    callback_done         BOOLEAN      NOT NULL,
    badge_checked         BOOLEAN      NOT NULL,
    supervisor_confirmed  BOOLEAN      NOT NULL,
    warrant_finding       VARCHAR(24)  NOT NULL,
    requester_verified    BOOLEAN      NOT NULL,
    notes                 TEXT,
    verified_by           VARCHAR(128) NOT NULL,
    verified_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX warrant_verification_request ON warrant_verification (request_id);

CREATE TABLE legal_review (
    id             UUID          PRIMARY KEY,
    request_id     UUID          NOT NULL REFERENCES federal_request (id),
    decision       VARCHAR(24)   NOT NULL,
    legal_basis    VARCHAR(64)   NOT NULL REFERENCES legal_basis (code),
    rationale      TEXT,
    released_items VARCHAR(1000),
    reviewed_by    VARCHAR(128)  NOT NULL,
    reviewed_at    TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX legal_review_request ON legal_review (request_id);

CREATE TABLE agency_reply (
    id           UUID         PRIMARY KEY,
    request_id   UUID         NOT NULL REFERENCES federal_request (id),
    received_at  TIMESTAMPTZ  NOT NULL,
    summary      TEXT         NOT NULL,
    submitted_by VARCHAR(128) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX agency_reply_request ON agency_reply (request_id);

-- The transparency log. Appends are serialized through the single head row, which hands out
-- gapless sequence numbers and non-decreasing database timestamps in commit order.
CREATE TABLE transparency_head (
    id       INTEGER     PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT      NOT NULL,
    last_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO transparency_head (id, last_seq, last_at) VALUES (1, 0, '-infinity');

CREATE TABLE transparency_entry (
    seq             BIGINT       PRIMARY KEY,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    process         VARCHAR(40)  NOT NULL,
    reference       VARCHAR(20)  NOT NULL,
    event_type      VARCHAR(32)  NOT NULL,
    agency          VARCHAR(32),
    request_type    VARCHAR(40),
    access_category VARCHAR(40),
    decision        VARCHAR(24),
    legal_basis     VARCHAR(64),
    actor_role      VARCHAR(64)  NOT NULL,
    -- SHA-256 over private_salt and the non-public part; lets the public check the leaf without seeing it
    private_digest  CHAR(64)     NOT NULL,
    -- non-public part, never exported
    actor_user      VARCHAR(128),
    record_id       UUID,
    private_salt    BYTEA        NOT NULL
);
CREATE INDEX transparency_entry_reference ON transparency_entry (reference, seq);
CREATE INDEX transparency_entry_recorded_at ON transparency_entry (recorded_at);

CREATE FUNCTION transparency_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'transparency_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER transparency_entry_no_update_delete
    BEFORE UPDATE OR DELETE ON transparency_entry
    FOR EACH ROW EXECUTE FUNCTION transparency_entry_append_only();
CREATE TRIGGER transparency_entry_no_truncate
    BEFORE TRUNCATE ON transparency_entry
    FOR EACH STATEMENT EXECUTE FUNCTION transparency_entry_append_only();
