package io.stratus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP server on loopback that the {@code reporter} test function posts each run to
 * ({@code {"requestId":…,"event":…}}). It answers 500 — making that run fail — while the run's attempt number for
 * its request id is at most the event's {@code failTimes}, so a test decides which attempts fail.
 */
final class ReportCollector implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attemptsByRequest = new ConcurrentHashMap<>();

    private ReportCollector(HttpServer http) {
        this.http = http;
    }

    static ReportCollector start() {
        try {
            ReportCollector collector = new ReportCollector(HttpServer.create(new InetSocketAddress("127.0.0.1", 0),
                    200));
            collector.http.createContext("/", exchange -> {
                JsonNode report = JSON.readTree(exchange.getRequestBody().readAllBytes());
                collector.reports.add(report);
                int attempt = collector.attemptsByRequest.merge(report.path("requestId").asText(), 1,
                        Integer::sum);
                int failTimes = report.path("event").path("failTimes").asInt(0);
                exchange.sendResponseHeaders(attempt <= failTimes ? 500 : 200, -1);
                exchange.close();
            });
            collector.http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            collector.http.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where functions post their reports. */
    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    /** Every report so far, in arrival order (a live view). */
    List<JsonNode> reports() {
        return reports;
    }

    /** How many runs reported for a request id. */
    int attempts(String requestId) {
        return attemptsByRequest.getOrDefault(requestId, 0);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
