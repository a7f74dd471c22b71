-- Provisioned concurrency per published version or alias (qualifier).
CREATE TABLE provisioned_concurrency (
    function_name    TEXT    NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    qualifier        TEXT    NOT NULL,
    requested        INTEGER NOT NULL,
    last_modified_ms INTEGER NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
