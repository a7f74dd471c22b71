package io.stratus.runtime.java;

import java.io.IOException;

/** The Runtime API answered with a status after which the runtime cannot go on (spec §2: 5xx means exit). */
final class RuntimeApiException extends IOException {
    private static final long serialVersionUID = 1L;

    RuntimeApiException(String call, HttpResponse response) {
        super(call + " answered HTTP " + response.status() + ": " + response.bodyText());
    }

    RuntimeApiException(String message) {
        super(message);
    }
}
