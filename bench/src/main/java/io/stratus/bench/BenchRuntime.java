package io.stratus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The four hello-world functions the bench measures, and for each the floor it is compared with. The provided
 * function is the Node hello handler behind a custom runtime written with Node's http module, so its floors are
 * Node's.
 */
enum BenchRuntime {
    NODE("Node.js"), PYTHON("Python"), JAVA("Java"), PROVIDED("provided (Node custom runtime)");

    final String label;

    BenchRuntime(String label) {
        this.label = label;
    }

    String runtimeId(Toolchain t) {
        return switch (this) {
            case NODE -> t.nodeRuntime();
            case PYTHON -> t.pythonRuntime();
            case JAVA -> "java21";
            case PROVIDED -> "provided.al2023";
        };
    }

    String handler() {
        return switch (this) {
            case NODE -> "index.handler";
            case PYTHON -> "lambda_function.lambda_handler";
            case JAVA -> "example.Hello::handleRequest";
            case PROVIDED -> "index.handler";
        };
    }

    /** The floor a runtime is compared with: the provided function runs Node, so it shares Node's floor. */
    BenchRuntime floor() {
        return this == PROVIDED ? NODE : this;
    }

    byte[] zip(Toolchain t) {
        try {
            return switch (this) {
                case NODE -> zip(Map.of("index.js", Files.readAllBytes(t.nodeHello())), Map.of());
                case PYTHON -> zip(Map.of("lambda_function.py",
                        Files.readAllBytes(t.pythonHelloDir().resolve("lambda_function.py"))), Map.of());
                case JAVA -> Files.readAllBytes(t.javaHelloZip());
                case PROVIDED -> providedZip(t);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot package the " + label + " hello function", e);
        }
    }

    private static byte[] providedZip(Toolchain t) throws IOException {
        Path dir = t.bench().resolve("functions/provided-hello");
        String bootstrap = Files.readString(dir.resolve("bootstrap.template")).replace("NODE", t.node().toString());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.js", Files.readAllBytes(t.nodeHello()));
        files.put("runtime.js", Files.readAllBytes(dir.resolve("runtime.js")));
        return zip(files, Map.of("bootstrap", bootstrap.getBytes(StandardCharsets.UTF_8)));
    }

    /** A zip of plain files plus executables (mode 0755, marked as made on Unix so Stratus keeps the bit). */
    static byte[] zip(Map<String, byte[]> files, Map<String, byte[]> executables) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        all.putAll(executables);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return UnixModes.markExecutable(bytes.toByteArray(), executables.keySet());
    }

    /** Unpacks the Java hello zip (classes at the root, jars in lib/) for the Java floors. */
    static Path unpackJavaHello(Toolchain t) {
        Path dir = t.work().resolve("java-hello");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(t.javaHelloZip()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + t.javaHelloZip(), e);
        }
        return dir;
    }

    static List<BenchRuntime> floors() {
        return List.of(NODE, PYTHON, JAVA);
    }
}
