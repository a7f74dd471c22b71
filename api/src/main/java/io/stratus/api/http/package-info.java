/**
 * What HTTP gateways in front of functions share: function URLs and HTTP APIs (API Gateway v2) both read a raw
 * request ({@link io.stratus.api.http.HttpExchange}), hand the function a payload format 2.0 event
 * ({@link io.stratus.api.http.PayloadV2}) and turn its result back into HTTP ({@link io.stratus.api.http.ResponseV2},
 * {@link io.stratus.api.http.HttpAnswer}). The callers differ only in the route key, stage, ids and authorizer they
 * pass in and in their error bodies.
 */
package io.stratus.api.http;
