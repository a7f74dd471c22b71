-- API Gateway v2 deployments of HTTP APIs. doc is the deployment's record (what GetDeployment reports); snapshot is
-- the routes and integrations as they were when it was made, which a stage without autoDeploy serves. Both are
-- written once: UpdateDeployment changes only the description in doc. A stage names its deployment inside its own
-- JSON document (deploymentId), so the refusal to delete a deployment a stage serves is checked by the store in the
-- deleting transaction rather than by a foreign key.
CREATE TABLE http_api_deployments (
    api_id        TEXT NOT NULL REFERENCES http_apis (api_id) ON DELETE CASCADE,
    deployment_id TEXT NOT NULL,
    doc           TEXT NOT NULL,
    snapshot      TEXT NOT NULL,
    PRIMARY KEY (api_id, deployment_id)
);
