package io.stratus.api.gateway;

import io.stratus.api.http.HttpAnswer;

/** The answers the HTTP-API data plane gives for its own failures, with API Gateway's status codes and bodies. */
final class GatewayAnswers {

    private GatewayAnswers() {
    }

    /** No API, stage or route for the request. */
    static HttpAnswer notFound() {
        return HttpAnswer.json(404, "{\"message\":\"Not Found\"}");
    }

    /** The function failed or answered something that is not a proxy response. */
    static HttpAnswer badGateway() {
        return HttpAnswer.json(502, "{\"message\":\"Internal Server Error\"}");
    }

    /** The invocation could not be made (missing function, permission) or the gateway itself failed. */
    static HttpAnswer internalError() {
        return HttpAnswer.json(500, "{\"message\":\"Internal Server Error\"}");
    }

    /** Lambda throttled the invocation. */
    static HttpAnswer throttled() {
        return HttpAnswer.json(429, "{\"message\":\"Too Many Requests\"}");
    }

    /** The integration did not answer within its {@code timeoutInMillis}. */
    static HttpAnswer timedOut() {
        return HttpAnswer.json(503, "{\"message\":\"Service Unavailable\"}");
    }

    /** The request body is over the 6 MB payload limit. */
    static HttpAnswer tooLarge() {
        return HttpAnswer.json(413, "{\"message\":\"Request Entity Too Large\"}");
    }
}
