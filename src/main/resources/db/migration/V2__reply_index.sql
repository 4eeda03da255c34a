-- Idempotency lookups by key alone for the desk's retries.
CREATE INDEX federal_request_idempotency_key ON federal_request (idempotency_key) WHERE idempotency_key IS NOT NULL;
