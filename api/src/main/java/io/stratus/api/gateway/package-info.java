/**
 * API Gateway v2 for HTTP APIs: the control plane under {@code /v2/apis} (APIs, routes, integrations, stages) and
 * the data plane that matches requests to routes and invokes Lambda proxy integrations.
 */
package io.stratus.api.gateway;
