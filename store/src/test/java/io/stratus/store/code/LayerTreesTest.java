package io.stratus.store.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratus.testkit.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers merged into one /opt tree: order matters, later layers win, trees are built once per list. */
class LayerTreesTest {

    @TempDir
    Path dir;

    @Test
    void laterLayersReplaceFilesAndDirectoriesOfEarlierOnes() throws Exception {
        CodeBlobs blobs = new CodeBlobs(dir.resolve("code"));
        Map<String, String> first = new LinkedHashMap<>();
        first.put("lib/a.txt", "first");
        first.put("only-first.txt", "1");
        first.put("thing", "a file in the first layer");
        Map<String, String> second = new LinkedHashMap<>();
        second.put("lib/a.txt", "second");
        second.put("thing/inside.txt", "a directory in the second layer");
        String one = blobs.put(Zips.of(first), (bytes, file) -> { }).sha256Hex();
        String two = blobs.put(Zips.of(second), (bytes, file) -> { }).sha256Hex();
        LayerTrees trees = new LayerTrees(dir.resolve("opt"), blobs);

        assertThat(trees.merged(List.of())).isEmpty();
        Path merged = trees.merged(List.of(one, two)).orElseThrow();
        assertThat(Files.readString(merged.resolve("lib/a.txt"))).isEqualTo("second");
        assertThat(Files.readString(merged.resolve("only-first.txt"))).isEqualTo("1");
        assertThat(Files.readString(merged.resolve("thing/inside.txt"))).startsWith("a directory");
        assertThat(trees.merged(List.of(one, two))).contains(merged);

        Path reversed = trees.merged(List.of(two, one)).orElseThrow();
        assertThat(reversed).isNotEqualTo(merged);
        assertThat(Files.readString(reversed.resolve("lib/a.txt"))).isEqualTo("first");
        assertThat(Files.readString(reversed.resolve("thing"))).startsWith("a file");

        trees.removeLeftovers();
        assertThat(merged).doesNotExist();
    }
}
