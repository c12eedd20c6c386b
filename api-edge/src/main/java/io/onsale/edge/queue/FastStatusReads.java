package io.onsale.edge.queue;

import io.onsale.edge.platform.FastRead;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.queue.tokens.QueueTicket;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.json.JsonMapper;

/**
 * A waiting-room status ({@code GET /api/events/{eventId}/queue/{ticket}}) as a {@link FastRead}: the same
 * {@link QueueStatusReader} as {@link QueueController#status}, from the ticket and the local progress view, encoded
 * with the same mapper. A refused ticket or a progress view not ready is left to the controller, which answers the
 * problem.
 */
class FastStatusReads implements FastRead {

    private final QueueStatusReader reader;
    private final JsonMapper json;

    FastStatusReads(QueueStatusReader reader, JsonMapper json) {
        this.reader = reader;
        this.json = json;
    }

    @Override
    public Optional<FastAnswer> answer(List<String> segments, Jwt buyer) {
        if (segments.size() != 4 || !"events".equals(segments.get(0)) || !"queue".equals(segments.get(2))) {
            return Optional.empty();
        }
        try {
            QueueTicket ticket = reader.verify(segments.get(3), segments.get(1), buyer.getSubject());
            return Optional.of(new FastAnswer("queue-status", json.writeValueAsBytes(reader.status(ticket)), true));
        } catch (ApiProblem | StoreUnavailableException refusedOrNotReady) {
            return Optional.empty();
        }
    }
}
