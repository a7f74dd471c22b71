package io.stratus.bench;

import java.net.URI;

/** Where measured requests go: a POST of the bench event to host:port path. */
record Endpoint(String host, int port, String path) {

    static final String EVENT = "{\"name\":\"bench\"}";

    URI uri() {
        return URI.create("http://" + host + ":" + port + path);
    }
}
