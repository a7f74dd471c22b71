-- EventBridge rules on the default event bus (PutRule). generation grows with every change of the rule, so the
-- scheduler's compare-and-set refuses a fire computed from an older version of it. schedule_start_ms is when a
-- rate() schedule starts counting (creation, or the last enable / change of the expression); last_fired_ms is the
-- scheduled time of the last fire, recorded in the same transaction that queues its invocations.
CREATE TABLE event_rules (
    name                TEXT    NOT NULL PRIMARY KEY,
    event_bus_name      TEXT    NOT NULL,
    schedule_expression TEXT,
    event_pattern       TEXT,
    state               TEXT    NOT NULL,
    description         TEXT,
    role_arn            TEXT,
    created_ms          INTEGER NOT NULL,
    generation          INTEGER NOT NULL,
    schedule_start_ms   INTEGER NOT NULL,
    last_fired_ms       INTEGER
);

-- PutTargets, per rule; position keeps the order targets were first added, as ListTargetsByRule shows them.
CREATE TABLE event_targets (
    rule_name  TEXT    NOT NULL REFERENCES event_rules (name) ON DELETE CASCADE,
    id         TEXT    NOT NULL,
    arn        TEXT    NOT NULL,
    input      TEXT,
    input_path TEXT,
    position   INTEGER NOT NULL,
    PRIMARY KEY (rule_name, id)
);

-- The scheduler's timeline: simulated = simulated_anchor_ms + (real - real_anchor_ms) * scale. Kept across restarts
-- so a sped-up test clock neither jumps back (doubled fires) nor skips (missed fires) when the server restarts.
CREATE TABLE schedule_clock (
    id                  INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    real_anchor_ms      INTEGER NOT NULL,
    simulated_anchor_ms INTEGER NOT NULL,
    scale               REAL    NOT NULL
);
