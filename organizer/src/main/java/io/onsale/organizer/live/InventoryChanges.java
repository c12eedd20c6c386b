package io.onsale.organizer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onsale.organizer.Exit;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * A change to what is on sale: {@code PATCH /api/admin/events/{id}/inventory}. The edge applies it to the config in
 * force and produces the next config to {@code event-config} (so the engine validates it like any other); held and
 * sold tickets stay with their buyers. {@code If-Match} makes it apply only to the version the organizer looked at.
 */
final class InventoryChanges {

    private InventoryChanges() {}

    static ObjectNode body(List<String> kill, List<String> restore, Map<String, Integer> capacity) {
        ObjectNode body = EdgeClient.JSON.createObjectNode();
        if (!kill.isEmpty()) {
            kill.forEach(body.putArray("kill")::add);
        }
        if (!restore.isEmpty()) {
            restore.forEach(body.putArray("restore")::add);
        }
        if (!capacity.isEmpty()) {
            ObjectNode zones = body.putObject("capacity");
            capacity.forEach(zones::put);
        }
        return body;
    }

    static int send(
            EdgeClient client, String eventId, ObjectNode change, String ifMatch, PrintWriter out, PrintWriter err)
            throws EdgeClient.EdgeUnavailableException {
        EdgeClient.Answer answer =
                client.patch(EdgeClient.eventPath("/api/admin/events/", eventId, "/inventory"), change, ifMatch);
        if (!answer.ok()) {
            return Answers.failed(answer, err);
        }
        JsonNode body = answer.body();
        StringBuilder text = new StringBuilder("inventory of '")
                .append(eventId)
                .append("': ")
                .append(body.path("status").asText("?"));
        if (body.path("capacity").size() > 0) {
            text.append("; capacity ").append(body.get("capacity"));
        }
        if (body.path("killed").size() > 0) {
            text.append("; off sale ").append(body.get("killed"));
        }
        if (body.path("restored").size() > 0) {
            text.append("; back on sale ").append(body.get("restored"));
        }
        answer.etag().ifPresent(etag -> text.append("; version ").append(etag));
        out.println(text);
        if (answer.status() == 202) {
            out.println("the engine has not applied it yet on this edge instance: organizer watch " + eventId);
        }
        return Exit.OK;
    }
}
