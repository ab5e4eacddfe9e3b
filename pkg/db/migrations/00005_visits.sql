-- Visits of France services (prefectoral each quarter, departmental animator, quality audit, other): versioned
-- checklist templates, visits with their visitors and answers, findings, action items with the history of their
-- changes, attachments (content kept in PostgreSQL), and the secret tokens of the per-user calendar feeds.

-- +goose Up
CREATE TABLE checklist_templates (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    visit_type       text NOT NULL CHECK (visit_type IN ('prefectorale', 'animateur', 'audit_qualite', 'autre')),
    departement_code text REFERENCES departements (code), -- NULL: a national template
    number           integer,                            -- version number, given at publication
    title            text NOT NULL CHECK (title <> ''),
    description      text NOT NULL DEFAULT '',
    status           text NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'publiee')),
    published_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    CHECK ((status = 'publiee') = (number IS NOT NULL AND published_at IS NOT NULL))
);
CREATE UNIQUE INDEX checklist_templates_number_key
    ON checklist_templates (visit_type, coalesce(departement_code, ''), number) WHERE number IS NOT NULL;

CREATE TABLE checklist_items (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    template_id uuid NOT NULL REFERENCES checklist_templates (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    section     text NOT NULL DEFAULT '',
    label       text NOT NULL CHECK (label <> ''),
    help        text NOT NULL DEFAULT '',
    answer_type text NOT NULL CHECK (answer_type IN ('yes_no', 'scale_1_4', 'text', 'number')),
    required    boolean NOT NULL DEFAULT false,
    prefill     text CHECK (prefill IN ('compliance', 'open_actions', 'activity_last_month', 'label_status')),
    UNIQUE (template_id, position)
);

-- A published template never changes: visits keep pointing at the exact questions they were answered against.
-- +goose StatementBegin
CREATE FUNCTION checklist_templates_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'publiee' THEN
        RAISE EXCEPTION 'checklist template % is published and cannot change', OLD.id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER checklist_templates_no_change BEFORE UPDATE OR DELETE ON checklist_templates
    FOR EACH ROW EXECUTE FUNCTION checklist_templates_frozen();

-- +goose StatementBegin
CREATE FUNCTION checklist_items_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tid uuid;
BEGIN
    IF TG_OP = 'INSERT' THEN
        tid := NEW.template_id;
    ELSE
        tid := OLD.template_id;
    END IF;
    IF EXISTS (SELECT 1 FROM checklist_templates WHERE id = tid AND status = 'publiee') THEN
        RAISE EXCEPTION 'checklist template % is published and cannot change', tid;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER checklist_items_no_change BEFORE INSERT OR UPDATE OR DELETE ON checklist_items
    FOR EACH ROW EXECUTE FUNCTION checklist_items_frozen();

CREATE TABLE visits (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id          uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    departement_code      text NOT NULL REFERENCES departements (code), -- the structure's, copied for scoping
    visit_type            text NOT NULL CHECK (visit_type IN ('prefectorale', 'animateur', 'audit_qualite', 'autre')),
    status                text NOT NULL DEFAULT 'planifiee' CHECK (status IN ('planifiee', 'realisee', 'annulee')),
    planned_date          date,
    planned_time          text NOT NULL DEFAULT '' CHECK (planned_time = '' OR planned_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
    duration_minutes      integer NOT NULL DEFAULT 120 CHECK (duration_minutes BETWEEN 15 AND 720),
    done_date             date,
    cancel_reason         text NOT NULL DEFAULT '',
    cancelled_at          timestamptz,
    people_met            jsonb NOT NULL DEFAULT '[]',
    report                text NOT NULL DEFAULT '',
    follow_up             boolean NOT NULL DEFAULT false,
    checklist_template_id uuid REFERENCES checklist_templates (id),
    prefill_snapshot      jsonb, -- prefilled figures as they stood when the visit was recorded done
    created_by            text NOT NULL DEFAULT '',
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    version               integer NOT NULL DEFAULT 1,
    CHECK (status <> 'realisee' OR done_date IS NOT NULL),
    CHECK (status <> 'annulee' OR cancel_reason <> ''),
    CHECK (planned_date IS NOT NULL OR done_date IS NOT NULL)
);
CREATE INDEX visits_departement_date_idx ON visits (departement_code, (coalesce(done_date, planned_date)) DESC, id DESC);
CREATE INDEX visits_structure_idx ON visits (structure_id);

CREATE TABLE visit_visitors (
    visit_id uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    position integer NOT NULL,
    user_id  uuid REFERENCES users (id),
    name     text NOT NULL CHECK (name <> ''),
    function text NOT NULL DEFAULT '',
    PRIMARY KEY (visit_id, position)
);
CREATE INDEX visit_visitors_user_idx ON visit_visitors (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE visit_answers (
    visit_id uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    item_id  uuid NOT NULL REFERENCES checklist_items (id),
    value    jsonb NOT NULL,
    comment  text NOT NULL DEFAULT '',
    PRIMARY KEY (visit_id, item_id)
);

CREATE TABLE findings (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    visit_id           uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    structure_id       uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    departement_code   text NOT NULL REFERENCES departements (code),
    description        text NOT NULL CHECK (description <> ''),
    severity           text NOT NULL CHECK (severity IN ('observation', 'mineure', 'majeure', 'critique')),
    -- A request to put the structure under watch; the labelling capability acts on it (ADR 0005).
    watch_requested    boolean NOT NULL DEFAULT false,
    watch_requested_at timestamptz,
    watch_requested_by text NOT NULL DEFAULT '',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer NOT NULL DEFAULT 1,
    CHECK (NOT watch_requested OR severity IN ('majeure', 'critique'))
);
CREATE INDEX findings_visit_idx ON findings (visit_id);
CREATE INDEX findings_watch_idx ON findings (departement_code) WHERE watch_requested;

CREATE TABLE action_items (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    visit_id         uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    finding_id       uuid REFERENCES findings (id) ON DELETE SET NULL,
    structure_id     uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    departement_code text NOT NULL REFERENCES departements (code),
    description      text NOT NULL CHECK (description <> ''),
    owner_type       text NOT NULL CHECK (owner_type IN ('structure', 'prefecture', 'partenaire')),
    owner_label      text NOT NULL DEFAULT '',
    due_date         date NOT NULL,
    status           text NOT NULL DEFAULT 'ouverte' CHECK (status IN ('ouverte', 'en_cours', 'close')),
    closed_at        timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    CHECK ((status = 'close') = (closed_at IS NOT NULL))
);
CREATE INDEX action_items_visit_idx ON action_items (visit_id);
CREATE INDEX action_items_structure_idx ON action_items (structure_id);
CREATE INDEX action_items_open_due_idx ON action_items (departement_code, due_date, id) WHERE status <> 'close';

-- The history of an action item: its creation and every change of status, due date, owner or description.
CREATE TABLE action_item_events (
    id          bigserial PRIMARY KEY,
    action_id   uuid NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    text NOT NULL DEFAULT '',
    actor_label text NOT NULL DEFAULT '',
    from_status text,
    to_status   text NOT NULL,
    changes     jsonb NOT NULL DEFAULT '{}',
    comment     text NOT NULL DEFAULT ''
);
CREATE INDEX action_item_events_action_idx ON action_item_events (action_id, id);

CREATE TABLE visit_attachments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    visit_id     uuid NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (name <> ''),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    size_bytes   integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
    sha256       text NOT NULL,
    content      bytea NOT NULL,
    uploaded_by  text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (octet_length(content) = size_bytes)
);
CREATE INDEX visit_attachments_visit_idx ON visit_attachments (visit_id, created_at);

-- One secret calendar feed URL per user; only the SHA-256 of the token is kept.
CREATE TABLE calendar_tokens (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);

-- +goose Down
DROP TABLE calendar_tokens;
DROP TABLE visit_attachments;
DROP TABLE action_item_events;
DROP TABLE action_items;
DROP TABLE findings;
DROP TABLE visit_answers;
DROP TABLE visit_visitors;
DROP TABLE visits;
DROP TRIGGER checklist_items_no_change ON checklist_items;
DROP FUNCTION checklist_items_frozen();
DROP TABLE checklist_items;
DROP TRIGGER checklist_templates_no_change ON checklist_templates;
DROP FUNCTION checklist_templates_frozen();
DROP TABLE checklist_templates;
