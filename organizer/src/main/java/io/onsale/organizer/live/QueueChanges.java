package io.onsale.organizer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onsale.organizer.Exit;
import java.io.PrintWriter;

/**
 * A change to a live waiting room: {@code PATCH /api/admin/events/{id}/queue}, decided by the room itself (a
 * {@code CHANGE_POLICY} command); 200 once applied, 202 while the room has not answered, 422 if it refused.
 */
final class QueueChanges {

    private QueueChanges() {}

    static int send(EdgeClient client, String eventId, ObjectNode change, PrintWriter out, PrintWriter err)
            throws EdgeClient.EdgeUnavailableException {
        EdgeClient.Answer answer =
                client.patch(EdgeClient.eventPath("/api/admin/events/", eventId, "/queue"), change, null);
        if (!answer.ok()) {
            return Answers.failed(answer, err);
        }
        if (answer.status() == 202) {
            out.println(
                    "PENDING: the waiting room of '" + eventId + "' has not confirmed yet; it applies the change when"
                            + " it reads it (organizer figures " + eventId + " shows the room)");
            return Exit.OK;
        }
        out.println(describe(eventId, answer.body()));
        return Exit.OK;
    }

    /** "waiting room of 'my-show': admitting (not paused); at most 50 admitted/s, target 800 active shoppers, …" */
    static String describe(String eventId, JsonNode body) {
        StringBuilder text =
                new StringBuilder("waiting room of '").append(eventId).append("': ");
        JsonNode paused = body.get("paused");
        if (paused != null) {
            text.append(paused.asBoolean() ? "PAUSED (nobody is admitted)" : "admitting (not paused)");
        } else {
            text.append("policy changed");
        }
        JsonNode policy = body.path("policy");
        if (policy.isObject()) {
            text.append("; at most ")
                    .append(policy.path("maxAdmitRatePerSecond").asText("?"))
                    .append(" admitted/s")
                    .append(", target ")
                    .append(policy.path("targetActiveShoppers").asText("?"))
                    .append(" active shoppers")
                    .append(", queue from ")
                    .append(policy.path("activationThreshold").asText("?"))
                    .append(" shoppers")
                    .append(", purchase window ")
                    .append(policy.path("purchaseWindowMinutes").asText("?"))
                    .append(" min");
        }
        return text.toString();
    }
}
