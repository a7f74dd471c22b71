-- Published versions are numbered per function and never reused, even after a version is deleted.
ALTER TABLE functions ADD COLUMN last_version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE aliases (
    function_name    TEXT NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    function_version TEXT NOT NULL,
    description      TEXT NOT NULL,
    weights          TEXT NOT NULL,
    revision_id      TEXT NOT NULL,
    PRIMARY KEY (function_name, name)
);
