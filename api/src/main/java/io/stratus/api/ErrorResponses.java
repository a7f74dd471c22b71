package io.stratus.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.model.error.AwsException;
import java.util.Map;

/**
 * The one place an error becomes HTTP: status, {@code x-amzn-ErrorType: <Name>}, and a JSON body
 * {@code {"Type":"User"|"Service","message":"…"}} with the message member cased as the real service cases it.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** The response for an error. */
    public static ApiResponse of(AwsException error) {
        ObjectNode body = WireJson.object();
        if (error.includesType()) {
            body.put("Type", error.userFault() ? "User" : "Service");
        }
        body.put(error.messageMember(), error.getMessage());
        error.extraMembers().forEach(body::put);
        ApiResponse response = ApiResponse.json(error.httpStatus(), body)
                .withHeader("x-amzn-ErrorType", error.errorType());
        for (Map.Entry<String, String> h : error.extraHeaders().entrySet()) {
            response = response.withHeader(h.getKey(), h.getValue());
        }
        return response;
    }
}
