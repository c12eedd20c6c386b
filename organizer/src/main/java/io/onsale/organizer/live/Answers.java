package io.onsale.organizer.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.onsale.organizer.Exit;
import java.io.PrintWriter;

/**
 * How an answer that is not a success is shown: the edge's problem+json (RFC 9457) as a sentence, then what it adds
 * ({@code reason}, the {@code errors} with their fields), and the exit code it means.
 */
final class Answers {

    private Answers() {}

    /** Prints a failed answer to {@code err}; returns its exit code. */
    static int failed(EdgeClient.Answer answer, PrintWriter err) {
        JsonNode body = answer.body();
        String title = text(body, "title");
        String detail = text(body, "detail");
        StringBuilder line = new StringBuilder("refused: ").append(answer.status());
        if (answer.status() >= 500) {
            line.replace(0, "refused".length(), "edge error");
        }
        if (title != null) {
            line.append(' ').append(title);
        }
        if (detail != null) {
            line.append(": ").append(detail);
        } else if (title == null && body.isTextual()) {
            line.append(": ").append(body.textValue());
        }
        err.println(line);
        if (body.hasNonNull("reason")) {
            err.println("  reason: " + body.get("reason").asText());
        }
        if (body.path("errors").isArray()) {
            for (JsonNode error : body.get("errors")) {
                err.println("  " + error.path("field").asText("?") + ": "
                        + error.path("message").asText(""));
            }
        }
        if (answer.status() == 401) {
            err.println(
                    "  the edge did not accept the token: an organizer's token, unexpired, for this edge's issuer and"
                            + " secret? (./ticketing token organizer <id> for the local edge)");
        } else if (answer.status() == 403) {
            err.println("  the token is not an organizer's: its roles claim must include ORGANIZER");
        }
        return answer.status() >= 500 ? Exit.UNAVAILABLE : Exit.REFUSED;
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
