package io.stratus.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratus.model.error.InvalidRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeCatalogTest {

    private static Interpreter node(int... version) {
        return new Interpreter(Language.NODE, java.util.Arrays.stream(version).boxed().toList(),
                Path.of("/opt/node" + version[0] + "/bin/node"));
    }

    private static Interpreter python(int minor) {
        return new Interpreter(Language.PYTHON, List.of(3, minor), Path.of("/usr/bin/python3." + minor));
    }

    private static RuntimeCatalog catalog(boolean strict) {
        return new RuntimeCatalog(Map.of(
                Language.NODE, List.of(node(16, 1, 0), node(20, 20, 2), node(22, 3, 0)),
                Language.PYTHON, List.of(python(9), python(11)),
                Language.JAVA, List.of()), Map.of(), strict);
    }

    @Test
    void anExactVersionRunsWithoutWarning() {
        RuntimeResolution resolved = catalog(false).resolve("nodejs20.x");
        assertThat(resolved.interpreter()).get().extracting(Interpreter::versionText).isEqualTo("20.20.2");
        assertThat(resolved.warning()).isEmpty();
    }

    @Test
    void theSmallestNewerVersionStandsInWithAWarning() {
        RuntimeResolution resolved = catalog(false).resolve("nodejs18.x");
        assertThat(resolved.interpreter()).get().extracting(Interpreter::versionText).isEqualTo("20.20.2");
        assertThat(resolved.warning()).get().asString()
                .contains("nodejs18.x runs on Node.js 20.20.2").contains("Node.js 18 is not installed");
        assertThat(catalog(false).resolve("python3.10").interpreter()).get()
                .extracting(Interpreter::versionText).isEqualTo("3.11");
    }

    @Test
    void withoutANewerVersionTheNewestOlderOneStandsIn() {
        assertThat(catalog(false).resolve("nodejs24.x").interpreter()).get()
                .extracting(Interpreter::versionText).isEqualTo("22.3.0");
        assertThat(catalog(false).resolve("python3.13").interpreter()).get()
                .extracting(Interpreter::versionText).isEqualTo("3.11");
    }

    @Test
    void strictModeRefusesStandIns() {
        assertThatThrownBy(() -> catalog(true).resolve("nodejs18.x"))
                .isInstanceOf(InvalidRuntimeException.class)
                .hasMessageContaining("needs Node.js 18").hasMessageContaining("strict runtime mode");
        assertThat(catalog(true).resolve("python3.11").warning()).isEmpty();
    }

    @Test
    void aLanguageWithoutInterpreterNamesWhatToInstall() {
        assertThatThrownBy(() -> catalog(false).resolve("java21"))
                .isInstanceOf(InvalidRuntimeException.class)
                .hasMessageContaining("no Java interpreter is installed").hasMessageContaining("Install Java 21");
        assertThatThrownBy(() -> catalog(false).resolve("ruby3.3"))
                .isInstanceOf(InvalidRuntimeException.class).hasMessageContaining("cannot run");
    }

    @Test
    void customRuntimesNeedNoInterpreter() {
        RuntimeResolution resolved = catalog(true).resolve("provided.al2023");
        assertThat(resolved.language()).isEqualTo(Language.PROVIDED);
        assertThat(resolved.interpreter()).isEmpty();
    }

    @Test
    void versionsAreReadFromToolOutput() {
        assertThat(RuntimeCatalog.parseVersion("v20.20.2\n")).contains(List.of(20, 20, 2));
        assertThat(RuntimeCatalog.parseVersion("17.0.15")).contains(List.of(17, 0, 15));
        assertThat(RuntimeCatalog.parseVersion("25")).contains(List.of(25));
        assertThat(RuntimeCatalog.parseVersion("nonsense")).isEmpty();
    }
}
