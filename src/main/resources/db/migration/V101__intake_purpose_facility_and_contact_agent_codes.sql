-- Issue 15, items 4 and 5. Codes only; none of these columns holds personal data.
--
-- 1. Federal requests: the stated primary purpose of a joint operation, task force or facility visit (Gov. Code
--    7284.6(b)(3)), and for facility access the kind of place (AB 49 schools, SB 81 health facilities) and whether
--    the area is public. NULL where not given: the purpose is required at intake only for JOINT_OPERATION and
--    FACILITY_ACCESS, the facility only for FACILITY_ACCESS (IntakeValidator). Requests recorded before this
--    migration keep NULL; the classification reads NULL as NOT_STATED.
ALTER TABLE federal_request
    ADD COLUMN primary_purpose VARCHAR(32),
    ADD COLUMN facility_kind   VARCHAR(32),
    ADD COLUMN facility_area   VARCHAR(16);

-- 2. Immigration-contact reports: whether the agents identified themselves and their agency (SB 805) and whether
--    their faces were covered (SB 627). Required on every new report (ContactValidator); reports filed before
--    this migration did not ask, so they get UNKNOWN. The default is dropped so an insert must give a value.
ALTER TABLE contact_report
    ADD COLUMN agents_identified VARCHAR(32) NOT NULL DEFAULT 'UNKNOWN',
    ADD COLUMN faces_covered     VARCHAR(16) NOT NULL DEFAULT 'UNKNOWN';
ALTER TABLE contact_report
    ALTER COLUMN agents_identified DROP DEFAULT,
    ALTER COLUMN faces_covered DROP DEFAULT;
