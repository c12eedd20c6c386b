package io.onsale.edge.platform;

import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A {@code GET} a buyer repeats every few seconds during an on-sale (a seat map, the event page, the waiting-room
 * status) that the edge can answer from memory, served by {@link FastReadRoutes} before WebFlux runs. Whatever it
 * cannot answer at once (unknown event, nothing fresh, a refused ticket, any doubt) it leaves to the full stack, which
 * answers it the same way as if there were no fast reads, errors included.
 */
public interface FastRead {

    /**
     * The answer to {@code GET /segments...} for this buyer (already authenticated, role {@code BUYER}), or empty to
     * leave the request to the full stack. Runs on an event loop: memory only, never blocks, never throws.
     */
    Optional<FastAnswer> answer(List<String> segments, Jwt buyer);

    /**
     * A 200 answer: its route (a metrics tag), its JSON, and whether it is {@code Cache-Control: no-store} (an answer
     * made for one buyer) instead of the security defaults' {@code no-cache}.
     */
    record FastAnswer(String route, byte[] json, boolean noStore) {}
}
