package io.stratus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The interpreters and files one run uses. Stratus is told to run its functions on exactly these interpreters
 * ({@code --runtime id=path}), so the platform and the floors start the same binaries.
 */
record Toolchain(Path root, Path work, Path node, String nodeRuntime, Path python, String pythonRuntime, Path java) {

    static Toolchain discover(Path root) {
        Path work;
        try {
            work = Files.createTempDirectory("stratus-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory", e);
        }
        Path node = Path.of(firstLine(List.of("sh", "-c", "readlink -f \"$(command -v node)\"")));
        String nodeMajor = firstLine(List.of(node.toString(), "-p", "process.versions.node.split('.')[0]"));
        // sys.executable is the real binary even when python3 is a pyenv shim.
        String[] py = firstLine(List.of("python3", "-c",
                "import sys; print(sys.executable, '%d.%d' % sys.version_info[:2])")).split(" ");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new Toolchain(root, work, node, "nodejs" + nodeMajor + ".x", Path.of(py[0]), "python" + py[1], java);
    }

    private static String firstLine(List<String> command) {
        Command r = Command.run(command);
        if (r.exit() != 0 || r.output().isBlank()) {
            throw new IllegalStateException(command + " failed: " + r.output());
        }
        return r.output().strip().lines().reduce((a, b) -> b).orElseThrow();
    }

    Path nodeHello() {
        return root.resolve("it/src/test/resources/functions/node/hello/index.js");
    }

    Path pythonHelloDir() {
        return root.resolve("it/src/test/resources/functions/python/hello");
    }

    Path javaHelloZip() {
        return root.resolve("test-functions/java-hello/target/java-hello.zip");
    }

    Path runtimeJavaJar() {
        return root.resolve("runtime-java/target/stratus-runtime-java-0.1.0-SNAPSHOT.jar");
    }

    Path bench() {
        return root.resolve("bench");
    }

    String version(Path binary, String flag) {
        return firstLine(List.of(binary.toString(), flag));
    }
}
