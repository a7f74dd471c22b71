package io.stratus.engine.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/** How sandboxes are kept apart from each other and from the host. */
public interface Isolation {

    /** A line for the operator log. */
    String describe();

    /** Removes processes and groups a previous run of this server left behind. */
    void removeLeftovers();

    /** True when sandboxes see Lambda's own paths ({@code /var/task}, {@code /var/runtime}, {@code /opt}). */
    boolean lambdaLayout();

    /** Where a sandbox sees its files. */
    SandboxPaths paths(String sandboxId);

    /** The interpreter binary as seen from inside a sandbox, and the installation to show when it must move. */
    InterpreterView interpreterView(Path binary, Path home);

    /** A user id of its own for a new sandbox, when sandboxes get their own users. */
    OptionalInt reserveUid();

    /** Gives back a user id from {@link #reserveUid()}. */
    void releaseUid(int uid);

    /** Starts the runtime process of a sandbox, as the user reserved for it. */
    Started start(LaunchPlan plan, OptionalInt uid) throws IOException;

    /**
     * How an interpreter appears inside sandboxes.
     *
     * @param binary the path to execute in the sandbox
     * @param home   the host installation to mount at {@code /var/lang}, or null when none is needed
     */
    record InterpreterView(Path binary, Path home) {
    }

    /** A started sandbox process. */
    interface Started {

        Process process();

        /** Peak memory use so far, in bytes. */
        long peakMemoryBytes();

        /** True when the memory limit killed something. */
        boolean outOfMemory();

        /** Kills the whole process tree now. */
        void kill();

        /**
         * Gives the running sandbox another memory limit (a pre-started runtime adopted by a function).
         *
         * @throws UnsupportedOperationException where limits are fixed at start
         */
        default void resize(int memoryMb) throws IOException {
            throw new UnsupportedOperationException("this isolation cannot change a running sandbox's memory");
        }

        /** Releases what the sandbox held (groups, users, directories); the processes are gone. */
        void release();
    }
}
