-- Every read of a request's personal data: who, when, which request, which fields, through which door.
-- Readable by auditors and administrators (GET /api/data-access-log); never public.
-- Numbered 20 so that migrations of other branches (V3..V10) can be merged in front of it.
CREATE TABLE data_access_log (
    id          BIGSERIAL     PRIMARY KEY,
    accessed_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    user_id     VARCHAR(128)  NOT NULL,
    user_groups VARCHAR(1000) NOT NULL,
    request_id  UUID          NOT NULL REFERENCES federal_request (id),
    reference   VARCHAR(20)   NOT NULL,
    -- comma-separated names of the personal fields that were disclosed, e.g. subject.fullName
    fields      VARCHAR(2000) NOT NULL,
    -- API (GET /api/requests/{reference}) or PAGE (/requests/{reference})
    channel     VARCHAR(16)   NOT NULL
);
CREATE INDEX data_access_log_accessed_at ON data_access_log (accessed_at);
CREATE INDEX data_access_log_reference ON data_access_log (reference, accessed_at);
CREATE INDEX data_access_log_user ON data_access_log (user_id, accessed_at);

-- An access record that could be edited would prove nothing.
CREATE FUNCTION data_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'data_access_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER data_access_log_no_update_delete
    BEFORE UPDATE OR DELETE ON data_access_log
    FOR EACH ROW EXECUTE FUNCTION data_access_log_append_only();
CREATE TRIGGER data_access_log_no_truncate
    BEFORE TRUNCATE ON data_access_log
    FOR EACH STATEMENT EXECUTE FUNCTION data_access_log_append_only();
