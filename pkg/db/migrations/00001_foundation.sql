-- Foundation: territory reference tables, users and their territory, refresh tokens, login throttling,
-- the append-only audit log and idempotency keys.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE; this wrapper is IMMUTABLE so it can back expression indexes.
-- +goose StatementBegin
CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
$$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
-- +goose StatementEnd

CREATE TABLE reference_data (
    name       text PRIMARY KEY,
    checksum   text NOT NULL,
    row_count  integer NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE regions (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE departements (
    code             text PRIMARY KEY,
    name             text NOT NULL,
    region_code      text NOT NULL REFERENCES regions (code),
    chef_lieu        text NOT NULL DEFAULT '',
    timezone         text NOT NULL,
    holiday_calendar text NOT NULL
);

CREATE TABLE communes (
    code_insee       text PRIMARY KEY,
    name             text NOT NULL,
    departement_code text NOT NULL REFERENCES departements (code),
    region_code      text NOT NULL REFERENCES regions (code),
    population       integer NOT NULL DEFAULT 0,
    latitude         double precision,
    longitude        double precision,
    postcodes        text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX communes_departement_idx ON communes (departement_code);
CREATE INDEX communes_name_trgm_idx ON communes USING gin (lower(f_unaccent(name)) gin_trgm_ops);
CREATE INDEX communes_postcodes_idx ON communes USING gin (postcodes);

CREATE TABLE cantons (
    code             text PRIMARY KEY,
    departement_code text NOT NULL REFERENCES departements (code),
    name             text NOT NULL,
    geometry         jsonb
);
CREATE INDEX cantons_departement_idx ON cantons (departement_code);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL,
    name          text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'region', 'prefecture', 'animateur', 'structure', 'partner')),
    region_code   text REFERENCES regions (code),
    partner_org   text,
    active        boolean NOT NULL DEFAULT true,
    password_hash text NOT NULL DEFAULT '',
    last_login_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE user_departements (
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    departement_code text NOT NULL REFERENCES departements (code),
    PRIMARY KEY (user_id, departement_code)
);
CREATE INDEX user_departements_code_idx ON user_departements (departement_code);

-- Structures arrive with the registry; the foreign key is added by that migration.
CREATE TABLE user_structures (
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    structure_id uuid NOT NULL,
    PRIMARY KEY (user_id, structure_id)
);

CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id   uuid NOT NULL,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Failed-login counters per account and per client IP: kept in the database so that throttling holds across
-- API replicas.
CREATE TABLE login_throttle (
    scope        text NOT NULL CHECK (scope IN ('account', 'ip')),
    subject      text NOT NULL,
    failures     integer NOT NULL DEFAULT 0,
    window_start timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    PRIMARY KEY (scope, subject)
);

CREATE TABLE audit_log (
    id           bigserial PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_type   text NOT NULL CHECK (actor_type IN ('user', 'client', 'system')),
    actor_id     text NOT NULL DEFAULT '',
    actor_label  text NOT NULL DEFAULT '',
    action       text NOT NULL,
    object_type  text NOT NULL,
    object_id    text NOT NULL,
    departements text[] NOT NULL DEFAULT '{}',
    before       jsonb,
    after        jsonb,
    diff         jsonb,
    request_id   text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_departements_idx ON audit_log USING gin (departements);

-- The audit log is append-only: the database itself refuses to change or remove a row.
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE idempotency_keys (
    actor         text NOT NULL,
    key           text NOT NULL,
    method        text NOT NULL,
    path          text NOT NULL,
    request_hash  bytea NOT NULL,
    status        integer,
    content_type  text NOT NULL DEFAULT '',
    location      text NOT NULL DEFAULT '',
    etag          text NOT NULL DEFAULT '',
    response_body bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TRIGGER audit_log_no_update ON audit_log;
DROP FUNCTION audit_log_append_only();
DROP TABLE audit_log;
DROP TABLE login_throttle;
DROP TABLE refresh_tokens;
DROP TABLE user_structures;
DROP TABLE user_departements;
DROP TABLE users;
DROP TABLE cantons;
DROP TABLE communes;
DROP TABLE departements;
DROP TABLE regions;
DROP TABLE reference_data;
DROP FUNCTION f_unaccent(text);
