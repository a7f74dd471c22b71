package io.stratus.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionLogsTest {

    @TempDir
    Path dir;

    @Test
    void eventsOfAllStreamsComeBackInTimeOrderAndATokenContinuesAfterThem() {
        FunctionLogs logs = new FunctionLogs(dir);
        try (LogStream a = logs.open("/aws/lambda/f", "2026/11/25/[$LATEST]aaa");
             LogStream b = logs.open("/aws/lambda/f", "2026/11/25/[$LATEST]bbb")) {
            a.append(1000, "first");
            b.append(1500, "second");
            a.append(2000, "third");
            FunctionLogs.Page page = logs.read("/aws/lambda/f", Optional.empty(), 0, Optional.empty(), 100);
            assertThat(page.events()).extracting(FunctionLogs.Event::message)
                    .containsExactly("first", "second", "third");
            assertThat(page.events().get(1).stream()).isEqualTo("2026/11/25/[$LATEST]bbb");
            assertThat(logs.read("/aws/lambda/f", Optional.of(page.nextToken()), 0, Optional.empty(), 100)
                    .events()).isEmpty();
            b.append(2500, "fourth");
            assertThat(logs.read("/aws/lambda/f", Optional.of(page.nextToken()), 0, Optional.empty(), 100)
                    .events()).extracting(FunctionLogs.Event::message).containsExactly("fourth");
        }
    }

    @Test
    void aFullPageStopsWhereItStoppedAndFiltersAndStartTimesApply() {
        FunctionLogs logs = new FunctionLogs(dir);
        try (LogStream a = logs.open("g", "s")) {
            for (int i = 0; i < 5; i++) {
                a.append(1000 + i, i % 2 == 0 ? "even " + i : "odd " + i);
            }
        }
        FunctionLogs.Page first = logs.read("g", Optional.empty(), 0, Optional.empty(), 2);
        assertThat(first.events()).extracting(FunctionLogs.Event::message).containsExactly("even 0", "odd 1");
        FunctionLogs.Page rest = logs.read("g", Optional.of(first.nextToken()), 0, Optional.empty(), 10);
        assertThat(rest.events()).extracting(FunctionLogs.Event::message).containsExactly("even 2", "odd 3", "even 4");
        assertThat(logs.read("g", Optional.empty(), 0, Optional.of("odd"), 10).events()).hasSize(2);
        assertThat(logs.read("g", Optional.empty(), 1003, Optional.empty(), 10).events()).hasSize(2);
    }

    @Test
    void aLineStillBeingWrittenIsLeftForTheNextRead() throws Exception {
        FunctionLogs logs = new FunctionLogs(dir);
        try (LogStream a = logs.open("g", "s")) {
            a.append(1, "whole");
        }
        Path file;
        try (var files = Files.list(dir.resolve("g"))) {
            file = files.findFirst().orElseThrow();
        }
        Files.writeString(file, "2 half", java.nio.file.StandardOpenOption.APPEND);
        FunctionLogs.Page page = logs.read("g", Optional.empty(), 0, Optional.empty(), 10);
        assertThat(page.events()).extracting(FunctionLogs.Event::message).containsExactly("whole");
        Files.writeString(file, " done\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(logs.read("g", Optional.of(page.nextToken()), 0, Optional.empty(), 10).events())
                .extracting(FunctionLogs.Event::message).containsExactly("half done");
    }
}
