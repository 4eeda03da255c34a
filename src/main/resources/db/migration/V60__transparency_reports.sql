-- Quarterly public reports (process "transparency-report"): each draft is a frozen snapshot of the public
-- report JSON exactly as /transparency/report.json computed it when drafted, with its SHA-256. A draft is
-- either sent back (a new draft follows) or published: signed with the log key and then never changed.

CREATE TABLE transparency_report (
    id                  BIGSERIAL     PRIMARY KEY,
    reference           VARCHAR(20)   NOT NULL,
    revision            INT           NOT NULL CHECK (revision >= 1),
    period_from         DATE          NOT NULL,
    period_to           DATE          NOT NULL CHECK (period_to >= period_from),
    status              VARCHAR(16)   NOT NULL CHECK (status IN ('DRAFT', 'SENT_BACK', 'PUBLISHED')),
    report_json         TEXT          NOT NULL,
    sha256              CHAR(64)      NOT NULL,
    drafted_at          TIMESTAMPTZ   NOT NULL DEFAULT clock_timestamp(),
    process_instance_id VARCHAR(64),
    review_note         VARCHAR(1000),
    reviewed_at         TIMESTAMPTZ,
    published_at        TIMESTAMPTZ,
    origin              VARCHAR(200),
    key_id              VARCHAR(64),
    signature           BYTEA,
    log_seq             BIGINT,
    UNIQUE (reference, revision),
    CHECK (status <> 'PUBLISHED' OR (published_at IS NOT NULL AND signature IS NOT NULL AND key_id IS NOT NULL))
);

-- One published report per period.
CREATE UNIQUE INDEX transparency_report_published_period
    ON transparency_report (period_from, period_to) WHERE status = 'PUBLISHED';
CREATE INDEX transparency_report_published ON transparency_report (published_at) WHERE status = 'PUBLISHED';

-- The snapshot is frozen from the moment it is drafted; a decided draft (sent back or published) never
-- changes again; nothing is ever deleted. Only DRAFT -> SENT_BACK and DRAFT -> PUBLISHED are allowed.
CREATE FUNCTION transparency_report_frozen() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'transparency_report is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status <> 'DRAFT' THEN
        RAISE EXCEPTION 'transparency_report % (%) is % and can no longer change', OLD.reference, OLD.revision, OLD.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id <> OLD.id OR NEW.reference <> OLD.reference OR NEW.revision <> OLD.revision
       OR NEW.period_from <> OLD.period_from OR NEW.period_to <> OLD.period_to
       OR NEW.report_json <> OLD.report_json OR NEW.sha256 <> OLD.sha256 OR NEW.drafted_at <> OLD.drafted_at
       OR NEW.process_instance_id IS DISTINCT FROM OLD.process_instance_id
       OR NEW.status NOT IN ('SENT_BACK', 'PUBLISHED') THEN
        RAISE EXCEPTION 'transparency_report %: the drafted snapshot is frozen', OLD.reference
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER transparency_report_no_change
    BEFORE UPDATE OR DELETE ON transparency_report
    FOR EACH ROW EXECUTE FUNCTION transparency_report_frozen();
CREATE TRIGGER transparency_report_no_truncate
    BEFORE TRUNCATE ON transparency_report
    FOR EACH STATEMENT EXECUTE FUNCTION transparency_append_only();
