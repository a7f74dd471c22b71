package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.StratusProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console stands on, over plain HTTP: its files served by the front door (redirect, content types,
 * revalidation, no traversal or listing) and the saved test events it keeps (validation, deleted with the function,
 * kept across a restart).
 */
class ConsoleServingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path scratch;

    @Test
    void servesTheConsoleFilesAndNothingElse() throws Exception {
        try (StratusProcess server = StratusProcess.start(scratch.resolve("data"))) {
            URI base = server.endpoint();
            HttpResponse<String> root = get(base, "/");
            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("Location")).hasValue("/console/");
            assertThat(get(base, "/console").headers().firstValue("Location")).hasValue("/console/");

            HttpResponse<String> index = get(base, "/console/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'self'", "frame-ancestors 'none'");
            assertThat(index.body()).contains("<script type=\"module\" src=\"console.js\">");
            String etag = index.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(base.resolve("/console/"))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(304);

            assertThat(get(base, "/console/console.js").headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(get(base, "/console/console.css").headers().firstValue("Content-Type"))
                    .hasValue("text/css; charset=utf-8");
            for (String refused : new String[] {"/console/missing.js", "/console/.hidden.js", "/console/%2e%2e/pom.xml",
                    "/console/..%2fMETA-INF/MANIFEST.MF", "/console/stratus-console/", "/console//index.html"}) {
                // Jetty itself refuses ambiguous encoded segments (400); the console handler answers 404.
                assertThat(get(base, refused).statusCode()).as(refused).isIn(400, 404);
            }
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(base.resolve("/console/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void testEventsAreValidatedKeptAndDeletedWithTheirFunction() throws Exception {
        Path data = scratch.resolve("data");
        String events = "/_stratus/console/functions/saved/test-events";
        try (StratusProcess server = StratusProcess.start(data)) {
            URI base = server.endpoint();
            assertThat(put(base, events + "/ada", "{\"Event\":\"{}\"}").statusCode()).as("no function").isEqualTo(404);
            try (var lambda = ServerFixture.client(base)) {
                lambda.createFunction(ServerFixture.nodeFunction("saved").build());
            }
            HttpResponse<String> invalid = put(base, events + "/ada", "{\"Event\":\"{\\\"name\\\":\"}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("The test event is not valid JSON");
            assertThat(put(base, events + "/bad%20name", "{\"Event\":\"{}\"}").body())
                    .contains("Test event name bad name is not valid");
            assertThat(put(base, events + "/ada", "{\"Event\":\"{\\\"name\\\":\\\"Ada\\\"}\"}").statusCode())
                    .isEqualTo(200);
            assertThat(put(base, events + "/grace", "{\"Event\":\"{}\"}").statusCode()).isEqualTo(200);
            assertThat(delete(base, events + "/grace").statusCode()).isEqualTo(204);
            assertThat(delete(base, events + "/grace").statusCode()).isEqualTo(404);
        }
        try (StratusProcess server = StratusProcess.start(data)) {
            URI base = server.endpoint();
            assertThat(get(base, events).body())
                    .contains("\"Name\":\"ada\"", "\"Event\":\"{\\\"name\\\":\\\"Ada\\\"}\"")
                    .doesNotContain("grace");
            try (var lambda = ServerFixture.client(base)) {
                lambda.deleteFunction(r -> r.functionName("saved"));
                lambda.createFunction(ServerFixture.nodeFunction("saved").build());
            }
            assertThat(get(base, events).body()).isEqualTo("{\"TestEvents\":[]}");
        }
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(URI base, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> delete(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
