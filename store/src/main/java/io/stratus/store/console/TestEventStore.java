package io.stratus.store.console;

import java.util.List;

/** The console's saved test events. Implementations are thread-safe; every call is one transaction. */
public interface TestEventStore {

    /**
     * One saved event.
     *
     * @param functionName   the function it belongs to
     * @param name           its name, unique per function
     * @param event          the JSON document as saved
     * @param lastModifiedMs last save, epoch milliseconds
     */
    record TestEvent(String functionName, String name, String event, long lastModifiedMs) {
    }

    /** Creates or replaces the event with the same function and name. */
    void save(TestEvent event);

    /** A function's events by name. */
    List<TestEvent> list(String functionName);

    /** Deletes one event; false when there was none. */
    boolean delete(String functionName, String name);
}
