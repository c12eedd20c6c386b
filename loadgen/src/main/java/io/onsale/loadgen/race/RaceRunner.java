package io.onsale.loadgen.race;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Releases every buyer's order at the same instant and follows each one to a decision.
 *
 * <p>All requests (tokens, bodies, idempotency keys) are built before the gate opens, so the only work left per buyer
 * after release is handing the request to the client. Each buyer waits at the gate on its own thread because a loop
 * of sendAsync calls would give the first buyers in the loop a head start.
 */
final class RaceRunner {

    /** 202 PENDING answers we accept per order before giving up on it; each retry reuses the idempotency key. */
    static final int MAX_PENDING_RETRIES = 10;
    /** Caps the edge's retryAfterSeconds so a bad hint cannot stall the demo. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);
    /** Floor for a zero hint, so a pending decision is not polled in a tight loop. */
    static final Duration MIN_RETRY_AFTER = Duration.ofMillis(50);

    private record Order(RacePlan.Attempt attempt, HttpRequest request) {
    }

    private final EdgeClient edge;

    RaceRunner(EdgeClient edge) {
        this.edge = edge;
    }

    /** Runs the whole burst and returns one outcome per attempt, in plan order. */
    List<Outcome> run(String eventId, RacePlan plan, Map<String, String> tokenByBuyer) throws InterruptedException {
        Map<RacePlan.Attempt, Order> orders = new LinkedHashMap<>();
        for (RacePlan.Attempt attempt : plan.attempts()) {
            HttpRequest request = edge.placeOrder(eventId, DemoEvent.orderJson(attempt.seatId()),
                    tokenByBuyer.get(attempt.buyerId()), UUID.randomUUID().toString());
            orders.put(attempt, new Order(attempt, request));
        }

        CountDownLatch atGate = new CountDownLatch(orders.size());
        CountDownLatch gate = new CountDownLatch(1);
        Map<RacePlan.Attempt, CompletableFuture<Outcome>> outcomes = new HashMap<>();
        for (RacePlan.Attempt attempt : plan.releaseOrder()) {
            Order order = orders.get(attempt);
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            outcomes.put(attempt, outcome);
            Thread buyer = new Thread(() -> {
                atGate.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    outcome.completeExceptionally(e);
                    return;
                }
                long released = System.nanoTime();
                follow(order, released, 0).whenComplete((result, failure) -> {
                    if (failure != null) {
                        // Only a bug in the chain gets here; transport failures are already outcomes.
                        outcome.complete(Outcome.failed(order.attempt().buyerId(), order.attempt().seatId(),
                                EdgeClient.transportLabel(failure), 0, System.nanoTime() - released));
                    } else {
                        outcome.complete(result);
                    }
                });
            }, order.attempt().buyerId());
            buyer.setDaemon(true);
            buyer.start();
        }
        atGate.await();
        gate.countDown();

        List<Outcome> results = new ArrayList<>(outcomes.size());
        for (RacePlan.Attempt attempt : plan.attempts()) {
            // Bounded without a timeout here: every send has the request timeout and retries are capped.
            results.add(outcomes.get(attempt).join());
        }
        return results;
    }

    private CompletableFuture<Outcome> follow(Order order, long released, int pendingSoFar) {
        String buyerId = order.attempt().buyerId();
        String seatId = order.attempt().seatId();
        return edge.send(order.request()).handle((response, failure) -> {
            long latency = System.nanoTime() - released;
            if (failure != null) {
                return CompletableFuture.completedFuture(
                        Outcome.failed(buyerId, seatId, EdgeClient.transportLabel(failure), pendingSoFar, latency));
            }
            switch (response.status()) {
                case 201:
                    return CompletableFuture.completedFuture(
                            Outcome.held(buyerId, seatId, confirmedSeats(response.json()), pendingSoFar, latency));
                case 409:
                    return CompletableFuture.completedFuture(
                            Outcome.rejected(buyerId, seatId, rejectionReason(response.json()), pendingSoFar, latency));
                case 202:
                    int pending = pendingSoFar + 1;
                    if (pending > MAX_PENDING_RETRIES) {
                        return CompletableFuture.completedFuture(Outcome.other(buyerId, seatId, 202,
                                "still PENDING after " + pending + " answers", pending, latency));
                    }
                    // Same HttpRequest, so the same Idempotency-Key: the edge answers the original decision.
                    return CompletableFuture.runAsync(() -> { },
                                    CompletableFuture.delayedExecutor(retryAfter(response.json()).toMillis(),
                                            TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> follow(order, released, pending));
                default:
                    return CompletableFuture.completedFuture(Outcome.other(buyerId, seatId, response.status(),
                            "HTTP " + response.status(), pendingSoFar, latency));
            }
        }).thenCompose(Function.identity());
    }

    static List<String> confirmedSeats(JsonNode order) {
        List<String> seats = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            seats.add(item.path("seatId").asText());
        }
        return seats;
    }

    static String rejectionReason(JsonNode problem) {
        String reason = problem.path("reason").asText("");
        return reason.isEmpty() ? "409 without reason" : reason;
    }

    static Duration retryAfter(JsonNode pending) {
        JsonNode hint = pending.path("retryAfterSeconds");
        Duration wait = hint.isNumber() ? Duration.ofMillis(Math.round(hint.asDouble() * 1000)) : Duration.ofSeconds(1);
        if (wait.compareTo(MIN_RETRY_AFTER) < 0) {
            return MIN_RETRY_AFTER;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
