-- References (FR-2026-00042 and the like) now come from one PostgreSQL sequence per prefix and year
-- (see ReferenceSequence): a counter row locked until the intake commits made every intake wait for the
-- one before it. The counters so far become sequences that continue where they stopped.
DO $$
DECLARE
    c RECORD;
    name TEXT;
BEGIN
    FOR c IN SELECT 'FR' AS prefix, year, last_value FROM reference_counter
             UNION ALL
             SELECT prefix, year, last_value FROM reference_sequence
    LOOP
        name := 'reference_' || lower(c.prefix) || '_' || c.year;
        EXECUTE format('CREATE SEQUENCE %I AS integer MINVALUE 1 NO CYCLE', name);
        PERFORM setval(name::regclass, c.last_value);
    END LOOP;
END;
$$;

DROP TABLE reference_counter;
DROP TABLE reference_sequence;
