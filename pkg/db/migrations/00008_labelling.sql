-- Labelling (issue 6, ADR 0007): the label state of a structure (its status and date stay on structures, with a
-- version of their own for If-Match), the history of its transitions, the candidature file with its documents,
-- the versioned criteria grid of the quality audit, the audits, the waves of labelling and the targets.

-- +goose Up
-- The label state moves only through the labelling lifecycle; label_version is its ETag (the registry's
-- structures.version is the ETag of the structure's descriptive fields and does not move with the label).
ALTER TABLE structures ADD COLUMN label_version integer NOT NULL DEFAULT 1;
ALTER TABLE structures ADD CONSTRAINT structures_label_status_check CHECK (label_status IN ('projet',
    'candidature_deposee', 'instruction', 'audit_demande', 'labellise', 'non_conforme', 'rejete', 'sous_surveillance',
    'suspendu', 'retire', 'ferme'));

-- Only a label decision (which moves label_version on) changes the label status, or clears a label date: a
-- registry edit or an import writing back the state it read cannot undo a decision taken meanwhile.
-- +goose StatementBegin
CREATE FUNCTION structures_label_owned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.label_version = OLD.label_version THEN
        NEW.label_status := OLD.label_status;
        IF NEW.label_date IS NULL THEN
            NEW.label_date := OLD.label_date;
        END IF;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER structures_label_owned BEFORE UPDATE ON structures
    FOR EACH ROW EXECUTE FUNCTION structures_label_owned();

-- A wave of labelling: named and dated, one per date in a département (the label date of its structures).
CREATE TABLE label_waves (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    departement_code text NOT NULL REFERENCES departements (code),
    name             text NOT NULL CHECK (name <> ''),
    wave_date        date NOT NULL,
    created_by       text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (departement_code, wave_date)
);

-- Append-only history of the label decisions, with the compliance report seen at that moment.
CREATE TABLE label_transitions (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id      uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    departement_code  text NOT NULL REFERENCES departements (code),
    from_state        text NOT NULL,
    to_state          text NOT NULL,
    at                timestamptz NOT NULL DEFAULT now(),
    actor_id          text NOT NULL DEFAULT '',
    actor_label       text NOT NULL DEFAULT '',
    reason            text NOT NULL DEFAULT '',
    wave_id           uuid REFERENCES label_waves (id),
    derogations       jsonb NOT NULL DEFAULT '[]',
    document_ids      uuid[] NOT NULL DEFAULT '{}',
    compliance_status text NOT NULL DEFAULT 'unknown' CHECK (compliance_status IN ('ok', 'warning', 'failure', 'unknown')),
    compliance        jsonb,
    CHECK (from_state <> to_state)
);
CREATE INDEX label_transitions_structure_idx ON label_transitions (structure_id, at);

-- +goose StatementBegin
CREATE FUNCTION label_transitions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'label transitions are append-only';
END $$;
-- +goose StatementEnd
CREATE TRIGGER label_transitions_no_change BEFORE UPDATE ON label_transitions
    FOR EACH ROW EXECUTE FUNCTION label_transitions_append_only();

-- The candidature file of a structure (one per structure, replaced as a whole by PUT).
CREATE TABLE candidatures (
    id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id                uuid NOT NULL UNIQUE REFERENCES structures (id) ON DELETE CASCADE,
    carrier_name                text NOT NULL DEFAULT '',
    carrier_siret               text NOT NULL DEFAULT '' CHECK (carrier_siret = '' OR carrier_siret ~ '^[0-9]{14}$'),
    planned_sites               jsonb NOT NULL DEFAULT '[]',
    partners_planned            text[] NOT NULL DEFAULT '{}',
    premises_confidential_office boolean,
    premises_it_equipment       boolean,
    premises_accessibility      boolean,
    premises_notes              text NOT NULL DEFAULT '',
    notes                       text NOT NULL DEFAULT '',
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    version                     integer NOT NULL DEFAULT 1
);

-- Documents of a candidature, content kept in PostgreSQL (10 MiB at most, type recognised by content).
CREATE TABLE candidature_documents (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    candidature_id uuid NOT NULL REFERENCES candidatures (id) ON DELETE CASCADE,
    structure_id   uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    kind           text NOT NULL CHECK (kind IN ('dossier', 'deliberation', 'convention', 'autre')),
    name           text NOT NULL CHECK (name <> ''),
    content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg',
                       'application/vnd.oasis.opendocument.text',
                       'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    size_bytes     integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
    sha256         text NOT NULL,
    content        bytea NOT NULL,
    uploaded_by    text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX candidature_documents_candidature_idx ON candidature_documents (candidature_id, created_at);

-- The criteria grid of the quality audit, versioned: a published version never changes.
CREATE TABLE label_grids (
    version    text PRIMARY KEY CHECK (version ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    title      text NOT NULL CHECK (title <> ''),
    valid_from date NOT NULL,
    created_by text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE label_grid_criteria (
    grid_version    text NOT NULL REFERENCES label_grids (version),
    position        integer NOT NULL,
    code            text NOT NULL CHECK (code <> ''),
    label           text NOT NULL CHECK (label <> ''),
    category        text NOT NULL CHECK (category <> ''),
    automatic       boolean NOT NULL DEFAULT false,
    compliance_code text CHECK (compliance_code IN ('weekly_hours', 'open_days', 'agents_present', 'agents_trained',
                        'partner_socle', 'premises')),
    PRIMARY KEY (grid_version, code),
    UNIQUE (grid_version, position),
    CHECK (automatic = (compliance_code IS NOT NULL))
);

-- +goose StatementBegin
CREATE FUNCTION label_grids_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published criteria grid never changes';
END $$;
-- +goose StatementEnd
CREATE TRIGGER label_grids_no_change BEFORE UPDATE OR DELETE ON label_grids
    FOR EACH ROW EXECUTE FUNCTION label_grids_frozen();
CREATE TRIGGER label_grid_criteria_no_change BEFORE UPDATE OR DELETE ON label_grid_criteria
    FOR EACH ROW EXECUTE FUNCTION label_grids_frozen();

-- An audit of a structure against one grid version, which it keeps. closed_at is set by the decision that follows
-- it (labellise or non_conforme), with the automatic criteria frozen in automatic.
CREATE TABLE label_audits (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    grid_version text NOT NULL REFERENCES label_grids (version),
    answers      jsonb NOT NULL DEFAULT '[]',
    automatic    jsonb,
    updated_by   text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    closed_at    timestamptz,
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX label_audits_structure_idx ON label_audits (structure_id, created_at DESC);
CREATE UNIQUE INDEX label_audits_open_key ON label_audits (structure_id) WHERE closed_at IS NULL;

-- Targets of a département or a région: a number of labelled structures by a date (optionally of one format),
-- and/or every canton covered.
CREATE TABLE label_targets (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    scope        text NOT NULL CHECK (scope IN ('departement', 'region')),
    code         text NOT NULL,
    due_date     date NOT NULL,
    count        integer NOT NULL CHECK (count >= 0),
    format       text CHECK (format IN ('site', 'antenne', 'itinerant')),
    every_canton boolean NOT NULL DEFAULT false,
    label        text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1
);
CREATE INDEX label_targets_scope_idx ON label_targets (scope, code, due_date);

-- The built-in grid: the 30 criteria of the France services quality grid (2025). The automatic ones are evaluated
-- by the compliance engine (ADR 0006); the others are checked by the auditor.
INSERT INTO label_grids (version, title, valid_from, created_by) VALUES
    ('qualite-2025', 'Grille qualité France services 2025', DATE '2025-01-01', 'système');
INSERT INTO label_grid_criteria (grid_version, position, code, category, label, automatic, compliance_code) VALUES
    ('qualite-2025', 1, 'ACC-01', 'Accueil', 'Ouverture au public d’au moins 24 heures par semaine', true, 'weekly_hours'),
    ('qualite-2025', 2, 'ACC-02', 'Accueil', 'Ouverture au moins 5 jours par semaine', true, 'open_days'),
    ('qualite-2025', 3, 'ACC-03', 'Accueil', 'Horaires affichés à l’extérieur du bâtiment et publiés en ligne', false, NULL),
    ('qualite-2025', 4, 'ACC-04', 'Accueil', 'Accueil sans rendez-vous et rendez-vous possibles, y compris en dehors des heures de bureau', false, NULL),
    ('qualite-2025', 5, 'ACC-05', 'Accueil', 'Espace d’attente adapté et délai d’attente raisonnable', false, NULL),
    ('qualite-2025', 6, 'ACC-06', 'Accueil', 'Questionnaire de satisfaction proposé aux usagers et résultats suivis', false, NULL),
    ('qualite-2025', 7, 'LOC-01', 'Locaux', 'Bureau fermé garantissant la confidentialité des échanges', false, NULL),
    ('qualite-2025', 8, 'LOC-02', 'Locaux', 'Locaux accessibles aux personnes à mobilité réduite', false, NULL),
    ('qualite-2025', 9, 'LOC-03', 'Locaux', 'Postes informatiques en libre accès avec imprimante, scanner et connexion internet', false, NULL),
    ('qualite-2025', 10, 'LOC-04', 'Locaux', 'Équipement de visioconférence pour les rendez-vous à distance avec les partenaires', false, NULL),
    ('qualite-2025', 11, 'LOC-05', 'Locaux', 'Signalétique France services extérieure et intérieure conforme à la charte graphique', false, NULL),
    ('qualite-2025', 12, 'AGT-01', 'Agents', 'Au moins deux agents présents sur chaque plage d’ouverture', true, 'agents_present'),
    ('qualite-2025', 13, 'AGT-02', 'Agents', 'Agents ayant suivi la formation initiale France services', true, 'agents_trained'),
    ('qualite-2025', 14, 'AGT-03', 'Agents', 'Formation continue et immersions des agents chez les partenaires', false, NULL),
    ('qualite-2025', 15, 'AGT-04', 'Agents', 'Référent désigné pour la coordination de la structure', false, NULL),
    ('qualite-2025', 16, 'AGT-05', 'Agents', 'Neutralité et respect du secret professionnel par les agents', false, NULL),
    ('qualite-2025', 17, 'PAR-01', 'Partenaires', 'Offre de service des partenaires nationaux du socle en vigueur', true, 'partner_socle'),
    ('qualite-2025', 18, 'PAR-02', 'Partenaires', 'Conventions locales signées avec les partenaires', false, NULL),
    ('qualite-2025', 19, 'PAR-03', 'Partenaires', 'Correspondants identifiés chez chaque partenaire et joignables par les agents', false, NULL),
    ('qualite-2025', 20, 'PAR-04', 'Partenaires', 'Accès des agents aux outils des partenaires (habilitations, espaces dédiés)', false, NULL),
    ('qualite-2025', 21, 'PAR-05', 'Partenaires', 'Partenaires locaux associés (permanences, mission locale, conciliateur de justice…)', false, NULL),
    ('qualite-2025', 22, 'SRV-01', 'Services', 'Accompagnement aux démarches en ligne (création de comptes, déclarations, simulations)', false, NULL),
    ('qualite-2025', 23, 'SRV-02', 'Services', 'Aide à l’usage des outils numériques et orientation vers un conseiller numérique', false, NULL),
    ('qualite-2025', 24, 'SRV-03', 'Services', 'Mise en relation avec les partenaires pour les situations complexes', false, NULL),
    ('qualite-2025', 25, 'SRV-04', 'Services', 'Activité déclarée chaque mois dans l’outil national de suivi', false, NULL),
    ('qualite-2025', 26, 'COM-01', 'Communication', 'Informations à jour sur la carte nationale France services', false, NULL),
    ('qualite-2025', 27, 'COM-02', 'Communication', 'Communication locale sur l’offre de service (presse, bulletin municipal, réseaux sociaux)', false, NULL),
    ('qualite-2025', 28, 'COM-03', 'Communication', 'Participation aux temps d’animation du réseau départemental', false, NULL),
    ('qualite-2025', 29, 'PIL-01', 'Pilotage', 'Rapport d’activité transmis au comité de pilotage départemental', false, NULL),
    ('qualite-2025', 30, 'PIL-02', 'Pilotage', 'Plan d’amélioration suivi après les visites et les audits', false, NULL);

-- +goose Down
DROP TABLE label_targets;
DROP TABLE label_audits;
DROP TRIGGER label_grid_criteria_no_change ON label_grid_criteria;
DROP TRIGGER label_grids_no_change ON label_grids;
DROP FUNCTION label_grids_frozen();
DROP TABLE label_grid_criteria;
DROP TABLE label_grids;
DROP TABLE candidature_documents;
DROP TABLE candidatures;
DROP TRIGGER label_transitions_no_change ON label_transitions;
DROP FUNCTION label_transitions_append_only();
DROP TABLE label_transitions;
DROP TABLE label_waves;
DROP TRIGGER structures_label_owned ON structures;
DROP FUNCTION structures_label_owned();
ALTER TABLE structures DROP CONSTRAINT structures_label_status_check;
ALTER TABLE structures DROP COLUMN label_version;
