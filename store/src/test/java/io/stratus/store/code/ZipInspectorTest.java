package io.stratus.store.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.error.InvalidParameterValueException;
import io.stratus.testkit.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipInspectorTest {

    @TempDir
    Path dir;

    private ZipInspector.ZipSummary inspect(byte[] zip, long limit) throws Exception {
        Path file = Files.write(dir.resolve("p.zip"), zip);
        return new ZipInspector(limit).inspect(zip, file);
    }

    @Test
    void acceptsOrdinaryPackageAndCountsInflatedBytes() throws Exception {
        ZipInspector.ZipSummary summary = inspect(Zips.of(Map.of("index.js", "x".repeat(1000), "lib/a.js", "yy")),
                10_000);
        assertThat(summary.entryNames()).containsExactlyInAnyOrder("index.js", "lib/a.js");
        assertThat(summary.unzippedBytes()).isEqualTo(1002);
    }

    @Test
    void refusesPathsThatEscapeTheDirectory() {
        for (String name : new String[] {"../evil.js", "a/../../b.js", "/etc/passwd", "C:/x.js", "a\\..\\b.js"}) {
            assertThatThrownBy(() -> inspect(Zips.single(name, "x"), 10_000)).as(name)
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("outside the function's directory");
        }
        // Any ".." segment is refused, even one that would stay inside: the brief allows no ".." at all.
        assertThat(ZipInspector.unsafePath("a/b/../c.js")).isTrue();
        assertThat(ZipInspector.unsafePath("dots..ok.js")).isFalse();
    }

    @Test
    void refusesSymlinksNotZipsEmptyZipsAndBombs() {
        assertThatThrownBy(() -> inspect(Zips.withSymlink("link", "/etc/passwd"), 10_000))
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> inspect("not a zip".getBytes(), 10_000))
                .hasMessage(ZipInspector.UNZIP_FAILED);
        assertThatThrownBy(() -> inspect(Zips.empty(), 10_000)).hasMessageContaining("contains no files");
        assertThatThrownBy(() -> inspect(Zips.bomb(2_000_000), 1_000_000))
                .hasMessage("Unzipped size must be smaller than 1000000 bytes");
    }
}
