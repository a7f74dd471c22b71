package io.stratus.engine.sandbox;

import io.stratus.engine.logs.FunctionLogs;
import java.time.InstantSource;

/** Opens the log of a new sandbox; the factory writes its first lines before the sandbox exists. */
public final class SandboxLogs {

    private SandboxLogs() {
    }

    public static Opened open(FunctionLogs logs, String group, String stream, InstantSource clock) {
        return new Opened(new SandboxLog(logs.open(group, stream), clock));
    }

    /** A sandbox log before its sandbox starts. */
    public static final class Opened {

        private final SandboxLog log;

        Opened(SandboxLog log) {
            this.log = log;
        }

        public void line(String text) {
            log.line(text);
        }

        SandboxLog log() {
            return log;
        }

        /** Closes the log of a sandbox that failed to start. */
        public void close() {
            log.close();
        }
    }
}
