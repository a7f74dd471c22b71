-- API Gateway v2 HTTP APIs. Each resource is a JSON document of its model record; the columns beside it are the
-- keys the store looks resources up by. Route keys are unique per API, as API Gateway requires; deleting an API
-- deletes its routes, integrations and stages.
CREATE TABLE http_apis (
    api_id TEXT NOT NULL PRIMARY KEY,
    doc    TEXT NOT NULL
);

CREATE TABLE http_api_routes (
    api_id    TEXT NOT NULL REFERENCES http_apis (api_id) ON DELETE CASCADE,
    route_id  TEXT NOT NULL,
    route_key TEXT NOT NULL,
    doc       TEXT NOT NULL,
    PRIMARY KEY (api_id, route_id),
    UNIQUE (api_id, route_key)
);

CREATE TABLE http_api_integrations (
    api_id         TEXT NOT NULL REFERENCES http_apis (api_id) ON DELETE CASCADE,
    integration_id TEXT NOT NULL,
    doc            TEXT NOT NULL,
    PRIMARY KEY (api_id, integration_id)
);

CREATE TABLE http_api_stages (
    api_id     TEXT NOT NULL REFERENCES http_apis (api_id) ON DELETE CASCADE,
    stage_name TEXT NOT NULL,
    doc        TEXT NOT NULL,
    PRIMARY KEY (api_id, stage_name)
);
