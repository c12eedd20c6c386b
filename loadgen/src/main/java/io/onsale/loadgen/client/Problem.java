package io.onsale.loadgen.client;

import java.util.List;
import java.util.Map;

/**
 * An {@code application/problem+json} answer (RFC 9457) with the edge's extensions: the engine's {@code reason} and
 * {@code alternatives} on a 409, the offending {@code errors} of a 400. A body that is not a problem still yields one,
 * with only {@code status} and the body's first characters in {@code detail}, so a caller always has words to print.
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String reason,
        String orderId,
        List<Alternative> alternatives,
        List<Map<String, String>> errors) {

    public Problem {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static Problem notAProblem(int status, String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return new Problem(
                null,
                null,
                status,
                oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine,
                null,
                null,
                List.of(),
                List.of());
    }

    /** The kind after {@code urn:onsale:problem:}, else the whole type, else "status &lt;n&gt;". */
    public String kind() {
        if (type == null || type.isBlank() || "about:blank".equals(type)) {
            return "status " + status;
        }
        int colon = type.lastIndexOf(':');
        return colon >= 0 ? type.substring(colon + 1) : type;
    }

    /** One line for a log or an error message. */
    public String describe() {
        StringBuilder line = new StringBuilder().append(status);
        if (reason != null) {
            line.append(' ').append(reason);
        } else if (title != null) {
            line.append(' ').append(title);
        }
        if (detail != null && !detail.isBlank()) {
            line.append(": ").append(detail);
        }
        return line.toString();
    }
}
