package io.stratus.api.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratus.api.WireJson;
import io.stratus.model.function.Partition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The event a scheduled rule sends its targets when they have no constant input (events.md §6). */
final class ScheduledEvent {

    private ScheduledEvent() {
    }

    /**
     * @param id            the event id, shared by every target of one fire
     * @param scheduledTime the scheduled time fired; shown in UTC to the second
     */
    static ObjectNode of(String id, Instant scheduledTime, Partition partition, String ruleArn) {
        ObjectNode e = WireJson.object();
        e.put("version", "0");
        e.put("id", id);
        e.put("detail-type", "Scheduled Event");
        e.put("source", "aws.events");
        e.put("account", partition.accountId());
        e.put("time", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", partition.region());
        e.putArray("resources").add(ruleArn);
        e.putObject("detail");
        return e;
    }

    /**
     * The part of the event an InputPath selects: {@code $} is the whole event, {@code $.a.b} a member path. A path
     * that selects nothing gives JSON null.
     */
    static JsonNode select(ObjectNode event, String inputPath) {
        JsonNode node = event;
        for (String member : inputPath.substring(1).split("\\.")) {
            if (!member.isEmpty()) {
                node = node.path(member);
            }
        }
        return node.isMissingNode() ? WireJson.MAPPER.getNodeFactory().nullNode() : node;
    }
}
