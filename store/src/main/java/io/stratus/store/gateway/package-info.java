/** Durable HTTP APIs (API Gateway v2): APIs, routes, integrations and stages. */
package io.stratus.store.gateway;
