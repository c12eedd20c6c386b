package io.onsale.loadgen.race;

import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
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
 * <p>Every order (token, body, idempotency key) is prepared before the gate opens, so the only work left per buyer
 * after release is handing it to the client. Each buyer waits at the gate on its own thread because a loop
 * of sendAsync calls would give the first buyers in the loop a head start.
 */
final class RaceRunner {

    /** 202 PENDING answers we accept per order before giving up on it; each retry reuses the idempotency key. */
    static final int MAX_PENDING_RETRIES = 10;
    /** Caps the edge's retryAfterSeconds so a bad hint cannot stall the demo. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(5);
    /** Floor for a zero hint, so a pending decision is not polled in a tight loop. */
    static final Duration MIN_RETRY_AFTER = Duration.ofMillis(50);

    private record PreparedOrder(
            RacePlan.Attempt attempt, OrderRequest request, String buyerToken, String idempotencyKey) {}

    private final EdgeApi edge;

    RaceRunner(EdgeApi edge) {
        this.edge = edge;
    }

    /** Runs the whole burst and returns one outcome per attempt, in plan order. */
    List<Outcome> run(String eventId, RacePlan plan, Map<String, String> tokenByBuyer) throws InterruptedException {
        Map<RacePlan.Attempt, PreparedOrder> orders = new LinkedHashMap<>();
        for (RacePlan.Attempt attempt : plan.attempts()) {
            orders.put(
                    attempt,
                    new PreparedOrder(
                            attempt,
                            OrderRequest.seats(List.of(attempt.seatId())),
                            tokenByBuyer.get(attempt.buyerId()),
                            UUID.randomUUID().toString()));
        }

        CountDownLatch atGate = new CountDownLatch(orders.size());
        CountDownLatch gate = new CountDownLatch(1);
        Map<RacePlan.Attempt, CompletableFuture<Outcome>> outcomes = new HashMap<>();
        for (RacePlan.Attempt attempt : plan.releaseOrder()) {
            PreparedOrder order = orders.get(attempt);
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            outcomes.put(attempt, outcome);
            Thread buyer = new Thread(
                    () -> {
                        atGate.countDown();
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            outcome.completeExceptionally(e);
                            return;
                        }
                        long released = System.nanoTime();
                        follow(eventId, order, released, 0).whenComplete((result, failure) -> {
                            if (failure != null) {
                                // Only a bug in the chain gets here; transport failures are already outcomes.
                                outcome.complete(Outcome.failed(
                                        order.attempt().buyerId(),
                                        order.attempt().seatId(),
                                        EdgeCalls.label(failure),
                                        0,
                                        System.nanoTime() - released));
                            } else {
                                outcome.complete(result);
                            }
                        });
                    },
                    order.attempt().buyerId());
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

    private CompletableFuture<Outcome> follow(String eventId, PreparedOrder order, long released, int pendingSoFar) {
        String buyerId = order.attempt().buyerId();
        String seatId = order.attempt().seatId();
        return edge.placeOrder(eventId, order.request(), order.idempotencyKey(), order.buyerToken())
                .handle((outcome, failure) -> {
                    long latency = System.nanoTime() - released;
                    if (failure != null) {
                        return CompletableFuture.completedFuture(
                                Outcome.failed(buyerId, seatId, EdgeCalls.label(failure), pendingSoFar, latency));
                    }
                    if (outcome instanceof OrderOutcome.Decided decided && decided.status() == 201) {
                        return CompletableFuture.completedFuture(Outcome.held(
                                buyerId,
                                seatId,
                                decided.order().items().stream()
                                        .map(Order.Item::seatId)
                                        .toList(),
                                pendingSoFar,
                                latency));
                    }
                    if (outcome instanceof OrderOutcome.Refused refused) {
                        return CompletableFuture.completedFuture(
                                Outcome.rejected(buyerId, seatId, rejectionReason(refused), pendingSoFar, latency));
                    }
                    if (outcome instanceof OrderOutcome.Pending pending) {
                        int pendingAnswers = pendingSoFar + 1;
                        if (pendingAnswers > MAX_PENDING_RETRIES) {
                            return CompletableFuture.completedFuture(Outcome.other(
                                    buyerId,
                                    seatId,
                                    202,
                                    "still PENDING after " + pendingAnswers + " answers",
                                    pendingAnswers,
                                    latency));
                        }
                        // Same Idempotency-Key: the edge answers the original decision.
                        return CompletableFuture.runAsync(
                                        () -> {},
                                        CompletableFuture.delayedExecutor(
                                                retryAfter(pending.retryAfter()).toMillis(), TimeUnit.MILLISECONDS))
                                .thenCompose(ignored -> follow(eventId, order, released, pendingAnswers));
                    }
                    return CompletableFuture.completedFuture(Outcome.other(
                            buyerId, seatId, outcome.status(), "HTTP " + outcome.status(), pendingSoFar, latency));
                })
                .thenCompose(Function.identity());
    }

    static String rejectionReason(OrderOutcome.Refused refused) {
        String reason = refused.problem().reason();
        return reason == null || reason.isEmpty() ? "409 without reason" : reason;
    }

    /** The edge's hint, kept between a floor and a cap. */
    static Duration retryAfter(Duration hint) {
        if (hint.compareTo(MIN_RETRY_AFTER) < 0) {
            return MIN_RETRY_AFTER;
        }
        return hint.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : hint;
    }
}
