-- Resource-based policies (AddPermission), one document per function and qualifier ('' = unqualified).
CREATE TABLE function_policies (
    function_name TEXT NOT NULL REFERENCES functions (name) ON DELETE CASCADE,
    qualifier     TEXT NOT NULL,
    revision_id   TEXT NOT NULL,
    statements    TEXT NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
