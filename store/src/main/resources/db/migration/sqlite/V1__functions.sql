-- Functions and their versions. Configuration and lifecycle fields are JSON documents so that new Lambda
-- fields do not need a migration; what queries filter or join on has its own column.
CREATE TABLE functions (
    name        TEXT    NOT NULL PRIMARY KEY,
    created_ms  INTEGER NOT NULL,
    tags        TEXT    NOT NULL DEFAULT '{}'
);

CREATE TABLE function_versions (
    function_name    TEXT    NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    version          TEXT    NOT NULL,
    config           TEXT    NOT NULL,
    code_sha256      TEXT    NOT NULL,
    code_size        INTEGER NOT NULL,
    revision_id      TEXT    NOT NULL,
    last_modified_ms INTEGER NOT NULL,
    state            TEXT    NOT NULL,
    preparing        INTEGER NOT NULL,
    PRIMARY KEY (function_name, version)
);

CREATE INDEX function_versions_code ON function_versions (code_sha256);
CREATE INDEX function_versions_preparing ON function_versions (preparing);
