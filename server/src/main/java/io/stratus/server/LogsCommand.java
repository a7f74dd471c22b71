package io.stratus.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stratus logs FUNCTION [--follow]}: prints a function's log events from a running server, oldest first,
 * as {@code <time> <stream> <message>}; with {@code --follow} it keeps polling for new events.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Prints a function's logs from a running Stratus server; --follow keeps printing new lines.")
final class LogsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "Function name or ARN.")
    private String function;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new log lines until interrupted.")
    private boolean follow;

    @Option(names = "--filter", description = "Only lines containing this text.")
    private String filter;

    @Option(names = "--since", description = "Only lines from the last DURATION, e.g. 10m, 1h (default: all).")
    private String since;

    @Option(names = "--endpoint", description = "The server's URL (default ${STRATUS_ENDPOINT:-http://127.0.0.1:"
            + "${STRATUS_PORT:-9070}}).")
    private String endpoint;

    @Override
    public Integer call() throws Exception {
        String base = endpoint != null ? endpoint : System.getenv().getOrDefault("STRATUS_ENDPOINT",
                "http://127.0.0.1:" + System.getenv().getOrDefault("STRATUS_PORT", "9070"));
        long startTime = since == null ? 0
                : Instant.now().minus(ServerCommand.parseDuration(since, "--since")).toEpochMilli();
        HttpClient http = HttpClient.newHttpClient();
        PrintStream out = System.out;
        String token = null;
        while (true) {
            StringBuilder query = new StringBuilder("startTime=").append(startTime);
            if (filter != null) {
                query.append("&filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
            }
            if (token != null) {
                query.append("&nextToken=").append(token);
            }
            URI uri = URI.create(base + "/_stratus/logs/" + URLEncoder.encode(function, StandardCharsets.UTF_8)
                    + "?" + query);
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                System.err.println("stratus logs: cannot reach " + base + ": " + e.getMessage());
                return 1;
            }
            JsonNode page = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                System.err.println("stratus logs: " + page.path("message").asText(page.path("Message").asText(
                        response.body())));
                return 1;
            }
            for (JsonNode event : page.path("events")) {
                out.println(Instant.ofEpochMilli(event.path("timestamp").asLong()) + " "
                        + event.path("logStreamName").asText() + " "
                        + event.path("message").asText().replace('\r', '\n'));
            }
            out.flush();
            token = page.path("nextToken").asText();
            if (!follow) {
                return 0;
            }
            if (page.path("events").isEmpty()) {
                Thread.sleep(1000);
            }
        }
    }
}
