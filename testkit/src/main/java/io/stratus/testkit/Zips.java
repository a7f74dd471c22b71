package io.stratus.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds deployment packages in memory: ordinary ones, and the hostile shapes the platform must refuse. */
public final class Zips {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;

    private Zips() {
    }

    /** A zip holding {@code files} (name to UTF-8 content), in order. */
    public static byte[] of(Map<String, String> files) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        files.forEach((name, text) -> raw.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return ofBytes(raw);
    }

    /** A zip holding one file. */
    public static byte[] single(String name, String content) {
        return of(Map.of(name, content));
    }

    /** A zip holding {@code files} (name to bytes), in order. */
    public static byte[] ofBytes(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The Node.js hello-world handler of the Lambda console blueprint. */
    public static byte[] nodeHello(String message) {
        return single("index.js", "exports.handler = async (event) => {\n"
                + "  return { statusCode: 200, body: JSON.stringify({ message: '" + message + "' }) };\n};\n");
    }

    /** A zip with no entries at all (only the end-of-central-directory record). */
    public static byte[] empty() {
        return ofBytes(Map.of());
    }

    /** A zip whose single entry unpacks to {@code size} zero bytes (compresses about 1000:1). */
    public static byte[] bomb(long size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[1024 * 1024];
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            for (long written = 0; written < size; written += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, size - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A zip with a regular file and an entry marked as a Unix symbolic link pointing at {@code target}.
     * java.util.zip cannot write Unix modes, so the central directory is patched afterwards.
     */
    public static byte[] withSymlink(String linkName, String target) {
        byte[] zip = of(new LinkedHashMap<>(Map.of("index.js", "exports.handler = async () => 1;",
                linkName, target)));
        return withUnixModes(zip, name -> name.equals(linkName) ? Integer.valueOf(0120777) : null);
    }


    /**
     * A zip of a directory tree, entries in sorted order, with Unix modes recorded: 0755 for files named
     * {@code bootstrap} or ending in {@code .sh} (build tools may drop execute bits when copying test
     * resources), 0644 for the rest.
     */
    public static byte[] ofDirectory(java.nio.file.Path dir) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path file : walk.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), java.nio.file.Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return withUnixModes(ofBytes(files), name -> name.equals("bootstrap") || name.endsWith("/bootstrap")
                || name.endsWith(".sh") ? Integer.valueOf(0100755) : Integer.valueOf(0100644));
    }

    /**
     * Records Unix file modes in a zip's central directory (java.util.zip cannot write them): each entry whose
     * name maps to a mode is marked as made on Unix with that mode; null leaves an entry as it is.
     */
    private static byte[] withUnixModes(byte[] zip, java.util.function.Function<String, Integer> modeFor) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        while (buf.getInt(eocd) != EOCD_SIGNATURE) {
            eocd--;
        }
        int pos = buf.getInt(eocd + 16);
        int count = Short.toUnsignedInt(buf.getShort(eocd + 10));
        for (int i = 0; i < count; i++) {
            if (buf.getInt(pos) != ENTRY_SIGNATURE) {
                throw new IllegalStateException("unexpected zip layout");
            }
            int nameLength = Short.toUnsignedInt(buf.getShort(pos + 28));
            Integer mode = modeFor.apply(new String(zip, pos + 46, nameLength, StandardCharsets.UTF_8));
            if (mode != null) {
                buf.putShort(pos + 4, (short) ((3 << 8) | 20));
                buf.putInt(pos + 38, mode << 16);
            }
            pos += 46 + nameLength + Short.toUnsignedInt(buf.getShort(pos + 30))
                    + Short.toUnsignedInt(buf.getShort(pos + 32));
        }
        return zip;
    }
}
