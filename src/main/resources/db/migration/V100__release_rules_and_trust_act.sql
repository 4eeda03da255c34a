-- Issue 15: what a decision may release is decided item by item (bpmn/release-rules.dmn), and the legal-basis
-- catalog says which items each basis can authorize at all.

-- A basis that forbids cooperation (a prohibition of SB 54 or the ordinance) can justify a decline, never a release.
ALTER TABLE legal_basis ADD COLUMN forbids_cooperation BOOLEAN NOT NULL DEFAULT FALSE;
-- The release items (ReleasableItem codes, comma-separated) this basis can authorize; empty authorizes none.
ALTER TABLE legal_basis ADD COLUMN authorizes_items VARCHAR(1000) NOT NULL DEFAULT '';

UPDATE legal_basis SET forbids_cooperation = TRUE
 WHERE code IN ('ORDINANCE_2025_06', 'SB54_7284_6_A1B', 'SB54_7284_6_A1D', 'SB54_7284_6_A1E', 'SB54_7284_6_A4',
                'NO_REPLY_NO_AUTHORITY');

UPDATE legal_basis SET authorizes_items = 'RELEASE_DATE_PUBLIC,RELEASE_DATE_NONPUBLIC,RELEASE_NOTIFICATION,CUSTODY_STATUS'
 WHERE code = 'SB54_7284_6_A1C';
UPDATE legal_basis SET authorizes_items = 'JOINT_OPERATION_PARTICIPATION'
 WHERE code = 'SB54_7284_6_B3';
UPDATE legal_basis SET authorizes_items = 'RELEASE_DATE_PUBLIC,RELEASE_DATE_NONPUBLIC,RELEASE_NOTIFICATION,CUSTODY_STATUS,TRANSFER_OF_CUSTODY'
 WHERE code = 'GOV_7282_5';
UPDATE legal_basis SET authorizes_items = 'INTERVIEW_WITH_CONSENT'
 WHERE code = 'TRUTH_ACT_7283_1';
UPDATE legal_basis SET authorizes_items = 'CUSTODY_STATUS,RELEASE_DATE_PUBLIC,RELEASE_DATE_NONPUBLIC,RELEASE_NOTIFICATION,'
    || 'BOOKING_RECORD,CRIMINAL_HISTORY,DOCUMENTS_NAMED_IN_ORDER,HOME_OR_WORK_ADDRESS,PERSONAL_INFO_PUBLIC,'
    || 'PERSONAL_INFO_NONPUBLIC,PUBLIC_RECORDS,FACILITY_ACCESS_SCHEDULED,FACILITY_ACCESS_NONPUBLIC,TRANSFER_OF_CUSTODY'
 WHERE code IN ('JUDICIAL_WARRANT', 'COURT_ORDER');
-- 1373 protects citizenship and immigration status only: not addresses, dates or records.
UPDATE legal_basis SET authorizes_items = 'CITIZENSHIP_OR_STATUS_INFO',
    description = 'A city may not restrict sending or receiving information about citizenship or immigration status. It covers status only: not addresses, release dates or other records.'
 WHERE code = 'USC_8_1373';

INSERT INTO legal_basis (code, label, description, is_warrant, forbids_cooperation, authorizes_items) VALUES
 ('PUBLIC_INFORMATION', 'Information already available to the public (Gov. Code 7284.6(a)(1)(C),(D))',
  'Release dates, custody status, personal information and records that anyone may already obtain.', FALSE, FALSE,
  'CUSTODY_STATUS,RELEASE_DATE_PUBLIC,PERSONAL_INFO_PUBLIC,PUBLIC_RECORDS,FACILITY_ACCESS_SCHEDULED'),
 ('NO_RECORDS_HELD', 'The city holds no responsive records',
  'The city does not collect the information asked for (for example, immigration status), so it has nothing to release.',
  FALSE, FALSE, '');

-- The TRUST Act finding of each decision: codes only. Any criminal-history detail the attorney notes is encrypted.
ALTER TABLE legal_review ADD COLUMN trust_criterion VARCHAR(48);
ALTER TABLE legal_review ADD COLUMN magistrate_probable_cause BOOLEAN;
ALTER TABLE legal_review ADD COLUMN trust_outcome VARCHAR(16);
ALTER TABLE legal_review ADD COLUMN trust_clause VARCHAR(64);
ALTER TABLE legal_review ADD COLUMN criminal_history_notes TEXT;
