-- Accepted asynchronous invocations, durable before the caller gets its 202. The id is the request id, kept across
-- retries; due_ms is when the event may next be tried (a claimed event is leased into the future, so a crash
-- makes it due again: delivery is at-least-once).
CREATE TABLE async_events (
    id            TEXT    NOT NULL PRIMARY KEY,
    function_name TEXT    NOT NULL,
    qualifier     TEXT    NOT NULL,
    payload       BLOB    NOT NULL,
    enqueued_ms   INTEGER NOT NULL,
    attempts      INTEGER NOT NULL,
    due_ms        INTEGER NOT NULL,
    leased        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX async_events_due ON async_events (due_ms);

-- PutFunctionEventInvokeConfig, per function and qualifier.
CREATE TABLE event_invoke_configs (
    function_name    TEXT    NOT NULL,
    qualifier        TEXT    NOT NULL,
    max_retry        INTEGER,
    max_age_seconds  INTEGER,
    on_success       TEXT,
    on_failure       TEXT,
    last_modified_ms INTEGER NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
