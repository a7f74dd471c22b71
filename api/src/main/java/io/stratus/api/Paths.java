package io.stratus.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splitting and percent-decoding of request paths (the REST router and the HTTP-API data plane). */
public final class Paths {

    private Paths() {
    }

    /**
     * The segments of a raw path, each percent-decoded on its own (so an encoded {@code %2F} never splits a
     * segment). A trailing slash, which older SDKs append, is ignored; {@code +} stays a plus.
     *
     * @throws IllegalArgumentException for malformed percent escapes
     */
    public static List<String> segments(String rawPath) {
        String path = rawPath;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (!part.isEmpty() || !out.isEmpty()) {
                out.add(decode(part));
            }
        }
        if (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        return out;
    }

    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new IllegalArgumentException("bad percent escape in " + segment);
                }
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
