-- Issue 16: an Idempotency-Key is bound to a fingerprint of the request it first came with (in the manner of the
-- IETF Idempotency-Key header draft). One row per key and client, for every state-changing endpoint clients retry.
CREATE TABLE idempotency_key (
    scope        VARCHAR(32)  NOT NULL,   -- the endpoint family: requests, replies, contacts, contact-requests
    principal    VARCHAR(128) NOT NULL,   -- the signed-in user; keys of different users never meet
    key          VARCHAR(128) NOT NULL,
    fingerprint  CHAR(64)     NOT NULL,   -- SHA-256 of the canonical request (path and body), hex
    state        VARCHAR(12)  NOT NULL,   -- IN_FLIGHT while the first request runs, DONE once it committed
    result       TEXT,                    -- the first answer, encrypted (it may carry a reference and ids)
    result_status INTEGER,
    started_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, principal, key)
);
CREATE INDEX idempotency_key_expires ON idempotency_key (expires_at);

-- Keys are bound in idempotency_key now, and a key may be used again once it expired: the column stays as a
-- record of which key brought a request, without the uniqueness that would refuse a reuse after expiry.
ALTER TABLE federal_request DROP CONSTRAINT federal_request_idempotency;
