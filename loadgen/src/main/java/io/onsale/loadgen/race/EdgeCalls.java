package io.onsale.loadgen.race;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.SeatMap;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How the race waits for {@link EdgeApi} in its setup and audit steps, where there is nothing else to do meanwhile,
 * and how it words what went wrong. Every failure is an {@link EdgeCallException}: the race could not be run or
 * judged (exit 2), as distinct from an audit failure, which means the edge answered and the answers were wrong.
 */
final class EdgeCalls {

    private EdgeCalls() {}

    /** The answer; a call without one throws its {@link EdgeCallException}, which says what happened in words. */
    static <T> T await(CompletableFuture<T> call) throws InterruptedException {
        try {
            // Bounded by the client's read timeout: every call ends with an answer or an EdgeCallException.
            return call.get();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /** The seat map, or empty while the edge does not know the event (404). */
    static Optional<SeatMap> seatMap(EdgeApi edge, String eventId, String sectionId, String buyerToken)
            throws InterruptedException {
        Answer<SeatMap> answer = await(edge.seats(eventId, sectionId, buyerToken));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw unexpected("GET /api/events/" + eventId + "/sections/" + sectionId + "/seats", answer);
        }
        return Optional.of(answer.body());
    }

    static EdgeCallException unexpected(String request, Answer<?> answer) {
        String hint = answer.status() == 401 || answer.status() == 403
                ? " (do --secret, --issuer and --audience match the edge's token settings?)"
                : "";
        String what = answer.problem() == null
                ? String.valueOf(answer.status())
                : answer.problem().describe();
        return outsideContract("unexpected answer from the edge to " + request + ": " + what + hint);
    }

    static EdgeCallException outsideContract(String message) {
        return new EdgeCallException(EdgeCallException.Kind.CONTRACT, message);
    }

    /** A short label for a buyer's failed request in the race table, e.g. "timeout". */
    static String label(Throwable failure) {
        EdgeCallException call = failure(failure);
        return switch (call.kind()) {
            case TIMEOUT -> "timeout";
            case UNREACHABLE -> unreachable(call);
            case IO -> "I/O error";
            case CONTRACT -> "answer outside the contract";
        };
    }

    private static String unreachable(EdgeCallException call) {
        for (Throwable t = call.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return "connect timeout";
    }

    private static EdgeCallException failure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof EdgeCallException call
                ? call
                : new EdgeCallException(EdgeCallException.Kind.IO, String.valueOf(cause), cause);
    }
}
