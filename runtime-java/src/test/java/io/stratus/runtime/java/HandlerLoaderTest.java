package io.stratus.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandlerLoaderTest {
    private static final String FIXTURES = "io.stratus.runtime.java.fixtures.Handlers$";
    private static final Invocation INVOCATION = new Invocation("id-1", 0, null, null, null, null, null, new byte[0]);
    private static final RuntimeEnvironment ENVIRONMENT = new RuntimeEnvironment("127.0.0.1:1", "", null, null,
            "fn", "$LATEST", 128, "/aws/lambda/fn", "stream");

    private static String invoke(String handler, String event) throws Throwable {
        Handler loaded = HandlerLoader.load(handler, HandlerLoaderTest.class.getClassLoader());
        byte[] out = loaded.handle(event.getBytes(StandardCharsets.UTF_8), new LambdaContext(ENVIRONMENT, INVOCATION));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void longestOverloadWithContextWins() throws Throwable {
        assertThat(invoke(FIXTURES + "Overloads::handle", "{}")).isEqualTo("\"two\"");
    }

    @Test
    void eventTypeIsResolvedThroughTheClassHierarchy() throws Throwable {
        assertThat(invoke(FIXTURES + "Concrete", "[\"a\",\"b\"]")).isEqualTo("2");
    }

    @Test
    void missingClassIsAClassNotFoundWithoutTrace() {
        assertThatThrownBy(() -> HandlerLoader.load("example.Missing", getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class)
                .hasMessage("Class not found: example.Missing")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void missingMethodIsANoSuchMethod() {
        assertThatThrownBy(() -> HandlerLoader.load(FIXTURES + "Overloads::nope", getClass().getClassLoader()))
                .isInstanceOf(NoSuchMethodException.class)
                .hasMessageContaining("No public method named nope");
    }

    @Test
    void staticInitializerFailureNamesTheClassAndKeepsItsFrames() {
        assertThatThrownBy(() -> HandlerLoader.load(FIXTURES + "BrokenInit", getClass().getClassLoader()))
                .isInstanceOf(ExceptionInInitializerError.class)
                .hasMessage("Error loading class " + FIXTURES + "BrokenInit: "
                        + "java.lang.IllegalStateException: static boom")
                .satisfies(e -> assertThat(e.getStackTrace()[0].getMethodName()).isEqualTo("fail"));
    }

    @Test
    void classWithoutNoArgumentConstructorCannotBeInstantiated() {
        assertThatThrownBy(() -> HandlerLoader.load(FIXTURES + "NeedsArgument", getClass().getClassLoader()))
                .isInstanceOf(InstantiationException.class)
                .hasMessageContaining("has no public no-argument constructor");
    }

    @Test
    void malformedHandlerStringIsRejected() {
        assertThatThrownBy(() -> HandlerLoader.load("example.Hello::", getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
