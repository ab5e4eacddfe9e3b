-- Opening hours, agents and compliance (issue 5, ADR 0006): schedules of a structure and of its stops and
-- permanences with their weekly slots, exceptions (closures, reduced or extra openings), the agents of the
-- structures with their trainings, and one compliance evaluation per change of hours or agents.

-- +goose Up
-- structure_hours carries the structure-level version of the hours (If-Match of PUT /schedules) and who set them
-- last: 'import' (the ANCT file, which may refresh them) or 'maillage' (a person, whose hours the import keeps).
CREATE TABLE structure_hours (
    structure_id uuid PRIMARY KEY REFERENCES structures (id) ON DELETE CASCADE,
    source       text NOT NULL CHECK (source IN ('import', 'maillage')),
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE schedules (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    owner_kind   text NOT NULL CHECK (owner_kind IN ('structure', 'stop', 'permanence')),
    owner_id     uuid NOT NULL,
    channel      text NOT NULL DEFAULT 'accueil' CHECK (channel IN ('accueil', 'telephone', 'rdv')),
    kind         text NOT NULL CHECK (kind IN ('regular', 'seasonal', 'temporary')),
    valid_from   date,
    valid_to     date,
    priority     integer NOT NULL DEFAULT 0,
    status       text NOT NULL CHECK (status IN ('draft', 'published')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX schedules_structure_idx ON schedules (structure_id, position);

CREATE TABLE agents (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL CHECK (name <> ''),
    work_email text NOT NULL DEFAULT '',
    role       text NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'referent', 'responsable')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer NOT NULL DEFAULT 1
);

CREATE TABLE agent_assignments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id     uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    structure_id uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    etp          numeric(3, 2) NOT NULL DEFAULT 1 CHECK (etp > 0 AND etp <= 1),
    start_date   date NOT NULL,
    end_date     date,
    CHECK (end_date IS NULL OR end_date >= start_date),
    UNIQUE (agent_id, structure_id, start_date)
);
CREATE INDEX agent_assignments_structure_idx ON agent_assignments (structure_id);

CREATE TABLE agent_trainings (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id     uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('initial', 'partner', 'immersion', 'continuing')),
    provider     text NOT NULL DEFAULT '',
    days         numeric(4, 1) NOT NULL DEFAULT 0 CHECK (days >= 0),
    completed_on date,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_trainings_agent_idx ON agent_trainings (agent_id);

CREATE TABLE schedule_slots (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    schedule_id    uuid NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    weekday        smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute   smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute     smallint NOT NULL CHECK (end_minute <= 1440 AND end_minute > start_minute),
    week_rule      text NOT NULL DEFAULT 'every' CHECK (week_rule IN ('every', 'odd', 'even', 'every_n')),
    week_interval  smallint NOT NULL DEFAULT 0,
    week_anchor    date,
    stop_id        uuid REFERENCES structure_stops (id) ON DELETE CASCADE,
    planned_agents smallint NOT NULL DEFAULT 0 CHECK (planned_agents BETWEEN 0 AND 50),
    access         text NOT NULL DEFAULT 'sans_rdv' CHECK (access IN ('sans_rdv', 'sur_rdv', 'mixte'))
);
CREATE INDEX schedule_slots_schedule_idx ON schedule_slots (schedule_id, position);

CREATE TABLE schedule_slot_agents (
    slot_id  uuid NOT NULL REFERENCES schedule_slots (id) ON DELETE CASCADE,
    agent_id uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    position integer NOT NULL,
    PRIMARY KEY (slot_id, agent_id)
);
CREATE INDEX schedule_slot_agents_agent_idx ON schedule_slot_agents (agent_id);

-- Exceptions keep their replacement slots as jsonb: they are read and written with the exception, never alone.
CREATE TABLE schedule_exceptions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id   uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    owner_kind     text NOT NULL CHECK (owner_kind IN ('structure', 'stop', 'permanence')),
    owner_id       uuid NOT NULL,
    date_from      date NOT NULL,
    date_to        date NOT NULL CHECK (date_to >= date_from),
    type           text NOT NULL CHECK (type IN ('closed', 'reduced', 'extra', 'replace')),
    reason         text NOT NULL DEFAULT '',
    public_message text NOT NULL DEFAULT '',
    slots          jsonb NOT NULL DEFAULT '[]',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1
);
CREATE INDEX schedule_exceptions_structure_idx ON schedule_exceptions (structure_id, date_to);

-- One row per change of hours or agents: a structure page shows when it stopped (or started) being compliant.
CREATE TABLE compliance_evaluations (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    structure_id     uuid NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
    departement_code text NOT NULL,
    evaluated_at     timestamptz NOT NULL DEFAULT now(),
    rule_set         text NOT NULL,
    status           text NOT NULL CHECK (status IN ('ok', 'warning', 'failure', 'unknown')),
    cause            text NOT NULL,
    report           jsonb NOT NULL
);
CREATE INDEX compliance_evaluations_structure_idx ON compliance_evaluations (structure_id, evaluated_at DESC);

-- +goose Down
DROP TABLE compliance_evaluations;
DROP TABLE schedule_exceptions;
DROP TABLE schedule_slot_agents;
DROP TABLE schedule_slots;
DROP TABLE agent_trainings;
DROP TABLE agent_assignments;
DROP TABLE agents;
DROP TABLE schedules;
DROP TABLE structure_hours;
