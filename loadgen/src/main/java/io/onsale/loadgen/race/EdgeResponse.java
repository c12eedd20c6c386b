package io.onsale.loadgen.race;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/** One HTTP answer from the edge, with its body parsed leniently: a non-JSON body must not hide the status. */
record EdgeResponse(int status, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET = 300;

    /** The body as JSON, or a missing node when it is empty or not JSON. */
    JsonNode json() {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** A one-line description for error messages: status plus the problem's title/detail or a body excerpt. */
    String describe() {
        JsonNode json = json();
        String title = json.path("title").asText("");
        String detail = json.path("detail").asText("");
        if (!title.isEmpty() || !detail.isEmpty()) {
            return status + " " + title + (detail.isEmpty() ? "" : ": " + detail);
        }
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.isEmpty() ? String.valueOf(status)
                : status + " " + (oneLine.length() > SNIPPET ? oneLine.substring(0, SNIPPET) + "…" : oneLine);
    }
}
