-- TRUTH Act interview consent (Gov. Code 7283.1(a)): each time the written consent form is given to a person in
-- custody before an ICE interview, the language of the form, the person's answer, when and by whom it was given.
-- A request may have several rows (a new round after the agency's reply); the latest one counts
-- (consent.InterviewConsents). The optional note is personal data, encrypted by the application
-- (crypto.PersonalDataConverter) and emptied by the retention purge.
CREATE TABLE interview_consent (
    id            UUID         PRIMARY KEY,
    request_id    UUID         NOT NULL REFERENCES federal_request (id),
    form_language VARCHAR(2)   NOT NULL CHECK (form_language IN ('EN', 'ES', 'ZH', 'TL', 'VI', 'KO')),
    answer        VARCHAR(24)  NOT NULL CHECK (answer IN ('GIVEN', 'ONLY_WITH_ATTORNEY', 'DECLINED')),
    given_at      TIMESTAMPTZ  NOT NULL,
    given_by      VARCHAR(128) NOT NULL,
    note          TEXT,
    recorded_at   TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX interview_consent_request ON interview_consent (request_id, recorded_at);
