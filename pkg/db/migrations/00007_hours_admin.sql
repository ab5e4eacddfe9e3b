-- Opening hours, administration (issue 5, ADR 0006): the label's rule sets as dated data an administrator can
-- extend, the public-holiday policy of each structure, and the opening hours of bus stops as published in an
-- imported file (kept raw for review when they cannot be read).

-- +goose Up
-- A rule set applies to evaluations on or after valid_from, until the next one's valid_from. Rows are never
-- rewritten: a set may be removed only before it comes into force (checked by the use case), so past
-- evaluations stay explainable.
CREATE TABLE rule_sets (
    code                    text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,40}$'),
    title                   text NOT NULL CHECK (title <> ''),
    source                  text NOT NULL DEFAULT '',
    valid_from              date NOT NULL UNIQUE,
    min_weekly_minutes      integer NOT NULL CHECK (min_weekly_minutes BETWEEN 1 AND 10080),
    min_open_days           smallint NOT NULL CHECK (min_open_days BETWEEN 1 AND 7),
    min_agents_present      smallint NOT NULL CHECK (min_agents_present BETWEEN 1 AND 20),
    trained_agents_required boolean NOT NULL,
    partner_socle_required  boolean NOT NULL,
    premises_required       boolean NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    created_by              text NOT NULL DEFAULT ''
);

-- The two built-in sets (pkg/hours CurrentRuleSets; a test checks they agree).
INSERT INTO rule_sets (code, title, source, valid_from, min_weekly_minutes, min_open_days, min_agents_present,
    trained_agents_required, partner_socle_required, premises_required, created_by) VALUES
    ('fs-2019', 'Charte France services (2019)', 'Circulaire du Premier ministre n° 6094/SG du 1er juillet 2019',
        DATE '2019-07-01', 1440, 5, 2, true, true, true, 'Maillage (référentiel intégré)'),
    ('fs-2025-06', 'Référentiel France services (2025)', 'Arrêté du 16 juin 2025',
        DATE '2025-06-16', 1440, 5, 2, true, true, true, 'Maillage (référentiel intégré)');

-- Public-holiday policy of a structure, versioned with its hours (If-Match of PUT /schedules).
ALTER TABLE structure_hours
    ADD COLUMN closed_on_public_holidays boolean NOT NULL DEFAULT true,
    ADD COLUMN open_on_pentecost_monday boolean NOT NULL DEFAULT false;

-- The hours of a stop as published in an imported file (OSM opening_hours and the week mention), kept whether
-- or not they could be read; needs_review flags those that could not (their slots are entered by a person).
CREATE TABLE stop_hours_raw (
    stop_id      uuid PRIMARY KEY REFERENCES structure_stops (id) ON DELETE CASCADE,
    structure_id uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    raw          text NOT NULL,
    week_note    text NOT NULL DEFAULT '',
    needs_review boolean NOT NULL,
    reason       text NOT NULL DEFAULT '',
    imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stop_hours_raw_structure_idx ON stop_hours_raw (structure_id);

-- +goose Down
DROP TABLE stop_hours_raw;
ALTER TABLE structure_hours DROP COLUMN open_on_pentecost_monday, DROP COLUMN closed_on_public_holidays;
DROP TABLE rule_sets;
