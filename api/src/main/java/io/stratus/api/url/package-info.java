/**
 * The function-URL data plane: finds the URL config a request addresses, answers CORS, checks the auth type, and
 * invokes the function with a payload format 2.0 event. The control plane (Create/Get/Update/Delete/List
 * FunctionUrlConfig) is {@link io.stratus.api.lambda.FunctionUrlsApi}.
 */
package io.stratus.api.url;
