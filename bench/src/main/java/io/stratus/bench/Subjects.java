package io.stratus.bench;

/** Human names for the result keys of {@link Results}. */
final class Subjects {

    private Subjects() {
    }

    static String label(String subject) {
        String[] parts = subject.split("/");
        String runtime = parts.length > 1 ? BenchRuntime.valueOf(parts[1]).label : "";
        return switch (parts[0]) {
            case "stratus-invoke" -> "Stratus Invoke API — " + runtime;
            case "stratus-http" -> "Stratus HTTP API (path-style) — " + runtime;
            case "floor" -> "floor: bare " + runtime + " server";
            case "peer-invoke" -> "peer: serverless-offline Invoke API — Node.js";
            case "peer-http" -> "peer: serverless-offline httpApi — Node.js";
            default -> subject;
        };
    }
}
