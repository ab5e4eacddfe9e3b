-- The network registry: structures (sites, antennas, itinerant), their ANCT id history, stops of buses,
-- multi-site groups, and the ANCT import runs with the rows they could not take.

-- +goose Up
CREATE TABLE structure_groups (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    departement_code text NOT NULL REFERENCES departements (code),
    name             text NOT NULL,
    lead_id          uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX structure_groups_name_key ON structure_groups (departement_code, lower(name));

CREATE TABLE structures (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    id_fs               text,
    departement_code    text NOT NULL REFERENCES departements (code),
    name                text NOT NULL CHECK (name <> ''),
    commune_code        text REFERENCES communes (code_insee),
    commune_label       text NOT NULL DEFAULT '',
    address             text NOT NULL DEFAULT '',
    address_complement  text NOT NULL DEFAULT '',
    postcode            text NOT NULL DEFAULT '',
    latitude            double precision,
    longitude           double precision,
    coordinates_source  text NOT NULL DEFAULT 'none' CHECK (coordinates_source IN ('data', 'commune', 'manual', 'none')),
    phone               text NOT NULL DEFAULT '',
    email               text NOT NULL DEFAULT '',
    website             text NOT NULL DEFAULT '',
    format              text NOT NULL CHECK (format IN ('site', 'antenne', 'itinerant')),
    parent_id           uuid REFERENCES structures (id),
    group_id            uuid REFERENCES structure_groups (id) ON DELETE SET NULL,
    carrier_type        text NOT NULL DEFAULT 'autre' CHECK (carrier_type IN ('commune', 'intercommunalite',
                            'departement', 'association', 'la_poste', 'msa', 'etat', 'centre_social', 'autre')),
    carrier_name        text NOT NULL DEFAULT '',
    carrier_siret       text NOT NULL DEFAULT '',
    label_status        text NOT NULL DEFAULT 'projet',
    label_date          date,
    timezone            text NOT NULL,
    holiday_calendar    text NOT NULL,
    accessibility_notes text NOT NULL DEFAULT '',
    hours_raw           jsonb NOT NULL DEFAULT '{}',
    comment             text NOT NULL DEFAULT '',
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             integer NOT NULL DEFAULT 1,
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (format = 'antenne' OR parent_id IS NULL)
);
CREATE UNIQUE INDEX structures_id_fs_key ON structures (id_fs) WHERE id_fs IS NOT NULL;
CREATE INDEX structures_departement_name_idx ON structures (departement_code, lower(f_unaccent(name)), id);
CREATE INDEX structures_name_trgm_idx ON structures USING gin (lower(f_unaccent(name)) gin_trgm_ops);
CREATE INDEX structures_commune_idx ON structures (commune_code);
CREATE INDEX structures_group_idx ON structures (group_id);
CREATE INDEX structures_parent_idx ON structures (parent_id);

ALTER TABLE structure_groups ADD CONSTRAINT structure_groups_lead_fkey
    FOREIGN KEY (lead_id) REFERENCES structures (id) ON DELETE SET NULL;
ALTER TABLE user_structures ADD CONSTRAINT user_structures_structure_fkey
    FOREIGN KEY (structure_id) REFERENCES structures (id) ON DELETE CASCADE;

-- ANCT numbers a structure has carried: a temporary temp_N is later replaced by a definitive number.
CREATE TABLE structure_id_history (
    structure_id uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    id_fs        text NOT NULL,
    from_at      timestamptz NOT NULL DEFAULT now(),
    to_at        timestamptz,
    PRIMARY KEY (structure_id, id_fs)
);
CREATE INDEX structure_id_history_id_fs_idx ON structure_id_history (id_fs);

CREATE TABLE structure_stops (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id     uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    position         integer NOT NULL,
    label            text NOT NULL CHECK (label <> ''),
    address          text NOT NULL DEFAULT '',
    commune_code     text REFERENCES communes (code_insee),
    latitude         double precision,
    longitude        double precision,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    UNIQUE (structure_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE import_runs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind             text NOT NULL,
    file_name        text NOT NULL DEFAULT '',
    file_sha256      text NOT NULL,
    encoding         text NOT NULL DEFAULT '',
    delimiter        text NOT NULL DEFAULT '',
    applied          boolean NOT NULL DEFAULT false,
    actor_label      text NOT NULL DEFAULT '',
    departements     text[] NOT NULL DEFAULT '{}',
    summary          jsonb NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- Rows an import could not take, kept raw for review: nothing is dropped silently.
CREATE TABLE import_rejected_rows (
    import_id  uuid NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    line       integer NOT NULL,
    cells      jsonb NOT NULL,
    problems   jsonb NOT NULL,
    PRIMARY KEY (import_id, line)
);

-- +goose Down
DROP TABLE import_rejected_rows;
DROP TABLE import_runs;
DROP TABLE structure_stops;
DROP TABLE structure_id_history;
ALTER TABLE user_structures DROP CONSTRAINT user_structures_structure_fkey;
ALTER TABLE structure_groups DROP CONSTRAINT structure_groups_lead_fkey;
DROP TABLE structures;
DROP TABLE structure_groups;
