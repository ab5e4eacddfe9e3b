-- Partners (issue 7, ADR 0008): the national operators with their dated names and socle periods (reference
-- data), local partners per département, referents, permanences (their hours are schedules with owner_kind
-- 'permanence'), API clients of partner software with their hashed secrets, webhook subscriptions, the delivery
-- queue, and the dispatcher's cursor over the audit log (the outbox of every change).

-- +goose Up
CREATE TABLE operators (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,30}$'),
    socle_from date,          -- NULL: not (or not yet) in the socle
    socle_to   date,          -- inclusive; NULL: open-ended
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer NOT NULL DEFAULT 1,
    CHECK (socle_to IS NULL OR (socle_from IS NOT NULL AND socle_to >= socle_from))
);

-- A rename adds a row: the name in force at D is the row with the latest valid_from on or before D (the first
-- row before it). The code never changes.
CREATE TABLE operator_names (
    operator_code text NOT NULL REFERENCES operators (code) ON DELETE CASCADE,
    valid_from    date NOT NULL,
    name          text NOT NULL CHECK (name <> ''),
    short_name    text NOT NULL CHECK (short_name <> ''),
    PRIMARY KEY (operator_code, valid_from)
);

INSERT INTO operators (code, socle_from) VALUES
    ('ants', DATE '2019-07-01'), ('justice', DATE '2019-07-01'), ('dgfip', DATE '2019-07-01'),
    ('laposte', DATE '2019-07-01'), ('msa', DATE '2019-07-01'), ('francetravail', DATE '2019-07-01'),
    ('cnav', DATE '2019-07-01'), ('cnam', DATE '2019-07-01'), ('cnaf', DATE '2019-07-01'),
    ('dgec', DATE '2024-01-01'), ('anah', DATE '2024-01-01'),
    ('agirc_arrco', DATE '2025-01-01'), ('urssaf', DATE '2025-01-01');

INSERT INTO operator_names (operator_code, valid_from, name, short_name) VALUES
    ('ants', DATE '2019-07-01', 'Ministère de l’Intérieur (ANTS – France Titres)', 'ANTS'),
    ('justice', DATE '2019-07-01', 'Ministère de la Justice', 'Justice'),
    ('dgfip', DATE '2019-07-01', 'Direction générale des Finances publiques', 'DGFiP'),
    ('laposte', DATE '2019-07-01', 'La Poste', 'La Poste'),
    ('msa', DATE '2019-07-01', 'Mutualité sociale agricole', 'MSA'),
    ('francetravail', DATE '2019-07-01', 'Pôle emploi', 'Pôle emploi'),
    ('francetravail', DATE '2024-01-01', 'France Travail', 'France Travail'),
    ('cnav', DATE '2019-07-01', 'Assurance retraite (CNAV – CARSAT)', 'CARSAT'),
    ('cnam', DATE '2019-07-01', 'Assurance maladie (CNAM – CPAM)', 'CPAM'),
    ('cnaf', DATE '2019-07-01', 'Allocations familiales (CNAF – CAF)', 'CAF'),
    ('dgec', DATE '2024-01-01', 'Chèque énergie (DGEC)', 'Chèque énergie'),
    ('anah', DATE '2024-01-01', 'Agence nationale de l’habitat', 'Anah'),
    ('agirc_arrco', DATE '2025-01-01', 'Agirc-Arrco', 'Agirc-Arrco'),
    ('urssaf', DATE '2025-01-01', 'Urssaf', 'Urssaf');

CREATE TABLE local_partners (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    departement_code text NOT NULL REFERENCES departements (code),
    type             text NOT NULL CHECK (type IN ('mission_locale', 'pij', 'cidff', 'conciliateur', 'france_victimes',
                         'mdph', 'adil', 'conseiller_numerique', 'autre')),
    type_label       text NOT NULL DEFAULT '', -- free type when 'autre'
    name             text NOT NULL CHECK (name <> ''),
    contact_email    text NOT NULL DEFAULT '',
    phone            text NOT NULL DEFAULT '',
    website          text NOT NULL DEFAULT '',
    notes            text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1
);
CREATE INDEX local_partners_departement_idx ON local_partners (departement_code, lower(name));

-- A referent or a permanence belongs to one partner: an operator (by code) or a local partner (by id).
CREATE TABLE referents (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    partner_kind     text NOT NULL CHECK (partner_kind IN ('operator', 'local')),
    operator_code    text REFERENCES operators (code),
    local_partner_id uuid REFERENCES local_partners (id),
    departement_code text NOT NULL REFERENCES departements (code),
    structure_id     uuid REFERENCES structures (id) ON DELETE CASCADE, -- NULL: for the whole département
    name             text NOT NULL CHECK (name <> ''),
    function         text NOT NULL DEFAULT '',
    email            text NOT NULL DEFAULT '',
    phone            text NOT NULL DEFAULT '',
    valid_from       date,
    valid_to         date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    CHECK ((partner_kind = 'operator') = (operator_code IS NOT NULL)),
    CHECK ((partner_kind = 'local') = (local_partner_id IS NOT NULL)),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX referents_departement_idx ON referents (departement_code);
CREATE INDEX referents_structure_idx ON referents (structure_id) WHERE structure_id IS NOT NULL;

CREATE TABLE permanences (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id     uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    departement_code text NOT NULL REFERENCES departements (code),
    stop_id          uuid REFERENCES structure_stops (id) ON DELETE SET NULL,
    partner_kind     text NOT NULL CHECK (partner_kind IN ('operator', 'local')),
    operator_code    text REFERENCES operators (code),
    local_partner_id uuid REFERENCES local_partners (id),
    modality         text NOT NULL CHECK (modality IN ('physique', 'visio', 'telephone')),
    booking_url      text NOT NULL DEFAULT '',
    summary          text NOT NULL DEFAULT '', -- e.g. « 1er mardi du mois », when the hours cannot say it
    public_note      text NOT NULL DEFAULT '',
    internal_note    text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    CHECK ((partner_kind = 'operator') = (operator_code IS NOT NULL)),
    CHECK ((partner_kind = 'local') = (local_partner_id IS NOT NULL))
);
CREATE INDEX permanences_structure_idx ON permanences (structure_id);
CREATE INDEX permanences_departement_idx ON permanences (departement_code);
CREATE INDEX schedules_owner_idx ON schedules (owner_kind, owner_id);

-- API clients of partner software (client credentials). Secrets are stored as SHA-256 digests of 256-bit random
-- values; several may be valid at once while a rotation overlaps.
CREATE TABLE api_clients (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    client_id         text NOT NULL UNIQUE,
    name              text NOT NULL CHECK (name <> ''),
    organisation_kind text NOT NULL CHECK (organisation_kind IN ('operator', 'local')),
    operator_code     text REFERENCES operators (code),
    local_partner_id  uuid REFERENCES local_partners (id),
    departements      text[] NOT NULL CHECK (cardinality(departements) > 0),
    scopes            text[] NOT NULL,
    valid_from        date,
    valid_to          date,
    revoked_at        timestamptz,
    last_used_at      timestamptz,
    created_by        text NOT NULL DEFAULT '',
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    CHECK ((organisation_kind = 'operator') = (operator_code IS NOT NULL)),
    CHECK ((organisation_kind = 'local') = (local_partner_id IS NOT NULL)),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX api_clients_departements_idx ON api_clients USING gin (departements);

CREATE TABLE api_client_secrets (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    api_client_id uuid NOT NULL REFERENCES api_clients (id) ON DELETE CASCADE,
    secret_hash   bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz, -- set when a newer secret replaces it (rotation overlap) or at revocation
    last_used_at  timestamptz
);
CREATE INDEX api_client_secrets_client_idx ON api_client_secrets (api_client_id);

-- The signing secret must be readable to sign deliveries (HMAC), so it is stored as is; it is shown once and
-- never returned or audited afterwards.
CREATE TABLE webhook_subscriptions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    api_client_id  uuid NOT NULL REFERENCES api_clients (id) ON DELETE CASCADE,
    url            text NOT NULL CHECK (url ~ '^https?://'),
    events         text[] NOT NULL CHECK (cardinality(events) > 0),
    active         boolean NOT NULL DEFAULT true,
    signing_secret text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1
);
CREATE INDEX webhook_subscriptions_client_idx ON webhook_subscriptions (api_client_id);

-- The delivery queue and its log. Workers claim due rows with SELECT … FOR UPDATE SKIP LOCKED.
CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         uuid NOT NULL,          -- the payload's id: a replay sends the same event again
    event            text NOT NULL,
    audit_id         bigint,                 -- the audit entry the event comes from
    object_type      text NOT NULL,
    object_id        text NOT NULL,
    departement_code text NOT NULL DEFAULT '',
    payload          jsonb NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status_code integer,
    last_error       text NOT NULL DEFAULT '',
    delivered_at     timestamptz,
    replay_of        uuid REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX webhook_deliveries_event_key ON webhook_deliveries (subscription_id, audit_id, event)
    WHERE replay_of IS NULL;
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC);

-- The audit log is the outbox: each entry carries the id of the transaction that wrote it, so the dispatcher can
-- read only rows of transactions finished for everyone (txid below the oldest running transaction) in
-- (txid, id) order, and never skip a row committed late with a lower id. Existing rows get this migration's id.
ALTER TABLE audit_log ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX audit_log_txid_idx ON audit_log (txid, id);

-- One row: the last audit entry turned into deliveries. It starts after the entries that exist now.
CREATE TABLE webhook_cursor (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_txid  xid8 NOT NULL,
    last_id    bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO webhook_cursor (last_txid, last_id)
    SELECT pg_current_xact_id(), coalesce(max(id), 0) FROM audit_log;

-- +goose Down
DROP TABLE webhook_cursor;
DROP INDEX audit_log_txid_idx;
ALTER TABLE audit_log DROP COLUMN txid;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
DROP TABLE api_client_secrets;
DROP TABLE api_clients;
DROP INDEX schedules_owner_idx;
DROP TABLE permanences;
DROP TABLE referents;
DROP TABLE local_partners;
DROP TABLE operator_names;
DROP TABLE operators;
