-- Lambda layers. `layers` keeps the last version number ever given out per name, so numbers are never reused, even
-- after every version was deleted. Versions are immutable once published; their policy is the only mutable part.
-- Functions keep the package of each layer version they use in their own configuration, so a deleted version's
-- row goes away while its package stays as long as a function version refers to it.
CREATE TABLE layers (
    name           TEXT    NOT NULL PRIMARY KEY,
    latest_version INTEGER NOT NULL
);

CREATE TABLE layer_versions (
    layer_name               TEXT    NOT NULL REFERENCES layers (name),
    version                  INTEGER NOT NULL,
    description              TEXT    NOT NULL,
    license_info             TEXT,
    compatible_runtimes      TEXT,
    compatible_architectures TEXT,
    code_sha256              TEXT    NOT NULL,
    code_size                INTEGER NOT NULL,
    created_ms               INTEGER NOT NULL,
    policy                   TEXT,
    policy_revision_id       TEXT,
    PRIMARY KEY (layer_name, version)
);

CREATE INDEX layer_versions_code ON layer_versions (code_sha256);
