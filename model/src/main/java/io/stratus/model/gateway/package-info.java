/**
 * API Gateway v2 HTTP APIs as the platform keeps them: the API, its routes, integrations, stages and deployments.
 * JDK only; no I/O. Wire spellings live in the api module.
 */
package io.stratus.model.gateway;
