package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.Alternative;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
import io.onsale.loadgen.simulate.Metrics.Count;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One buyer's way through the sale, as a chain of callbacks: no thread waits for it. Arrive and read the event page;
 * if early, come back at the opening; order the first choice; on a refusal maybe take the alternative; with a hold,
 * read the order (checkout page), then keep it, cancel it or walk away. Every step is timed and counted.
 *
 * <p>Where the waiting room and payments plug in: between the event page and the first order (join, follow the
 * position, order with the admission token), and in {@link #checkout} (pay or abandon) once the edge has them.
 */
final class Journey {

    /** What all journeys share. */
    record Context(EdgeApi api, InFlightLimit limit, ScheduledExecutorService timer, Metrics metrics, Ledger ledger,
                   Behaviour behaviour, String eventId, long openNanos, LongSupplier nanoClock, Runnable onFinished) {

        long secondAfterOpening() {
            return TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nanoClock.getAsLong() - openNanos));
        }
    }

    private final Context context;
    private final BuyerPlan.Buyer buyer;
    private final String token;
    private final Random random;
    private int orders;
    private int notOnSaleRetries;

    Journey(Context context, BuyerPlan.Buyer buyer, String token) {
        this.context = context;
        this.buyer = buyer;
        this.token = token;
        this.random = new Random(buyer.random());
    }

    void start() {
        context.metrics().add(Count.ARRIVED);
        long[] sent = new long[1];
        call(sent, () -> context.api().event(context.eventId(), token)).whenComplete((answer, error) -> {
            if (error != null) {
                countFailure(Step.EVENT, error);
            } else if (answer.ok()) {
                context.metrics().record(Step.EVENT, context.nanoClock().getAsLong() - sent[0]);
            } else {
                context.metrics().httpError(answer.status());
            }
            // The page failing does not stop a buyer from trying to order: they reload.
            long untilOpen = context.openNanos() - context.nanoClock().getAsLong();
            long delay = untilOpen > 0 ? untilOpen + TimeUnit.MILLISECONDS.toNanos(random.nextInt(300)) : think();
            later(delay, () -> order(buyer.firstOrder(), Step.HOLD));
        });
    }

    private void order(OrderRequest request, Step step) {
        orders++;
        if (step == Step.HOLD && orders == 1) {
            context.metrics().add(Count.ORDERS_SENT);
        }
        String key = context.eventId() + ":" + buyer.buyerId() + ":" + orders;
        send(request, step, key, new long[1], 0, 0);
    }

    /** {@code firstSent[0]}: when the first try left, the start of the time to a decision (202 retries included). */
    private void send(OrderRequest request, Step step, String key, long[] firstSent, int pendingRetries, int busyRetries) {
        long[] sent = new long[1];
        call(sent, () -> context.api().placeOrder(context.eventId(), request, key, token)).whenComplete((outcome, error) -> {
            if (firstSent[0] == 0) {
                firstSent[0] = sent[0];
            }
            long started = firstSent[0];
            if (error != null) {
                countFailure(step, error);
                context.ledger().undecided(new Ledger.Undecided(buyer.buyerId(), key, request, kind(error)));
                finish();
                return;
            }
            if (outcome instanceof OrderOutcome.Decided decided) {
                context.metrics().record(step, context.nanoClock().getAsLong() - started);
                held(decided.order(), request, step);
            } else if (outcome instanceof OrderOutcome.Pending pending) {
                context.metrics().add(Count.PENDING);
                if (pendingRetries < Behaviour.MAX_PENDING_RETRIES) {
                    later(clamp(pending.retryAfter()), () -> send(request, step, key, firstSent, pendingRetries + 1, busyRetries));
                } else {
                    context.ledger().undecided(new Ledger.Undecided(buyer.buyerId(), key, request, "still pending"));
                    finish();
                }
            } else if (outcome instanceof OrderOutcome.Refused refused) {
                context.metrics().record(step, context.nanoClock().getAsLong() - started);
                context.metrics().rejected(refused.reason(), context.secondAfterOpening());
                afterRefusal(request, refused);
            } else {
                OrderOutcome.Failed failed = (OrderOutcome.Failed) outcome;
                context.metrics().httpError(failed.status());
                if ((failed.status() == 503 || failed.status() == 429) && busyRetries < Behaviour.MAX_BUSY_RETRIES) {
                    later(clamp(failed.retryAfter()), () -> send(request, step, key, firstSent, pendingRetries, busyRetries + 1));
                } else {
                    if (failed.status() >= 500) {
                        // A 5xx may have been decided all the same: ask again at the end.
                        context.ledger().undecided(new Ledger.Undecided(buyer.buyerId(), key, request, "status " + failed.status()));
                    }
                    finish();
                }
            }
        });
    }

    private void held(Order order, OrderRequest request, Step step) {
        context.metrics().add(Count.HELD);
        context.metrics().heldTickets(order.tickets(), context.secondAfterOpening());
        if (step == Step.ALTERNATIVE) {
            context.metrics().add(Count.HELD_VIA_ALTERNATIVE);
        }
        context.ledger().held(buyer.buyerId(), order, request, false);
        later(think(), () -> checkout(order));
    }

    private void afterRefusal(OrderRequest request, OrderOutcome.Refused refused) {
        Behaviour behaviour = context.behaviour();
        if ("NOT_ON_SALE".equals(refused.reason()) && notOnSaleRetries < Behaviour.MAX_NOT_ON_SALE_RETRIES) {
            notOnSaleRetries++;
            orders--;
            later(Behaviour.NOT_ON_SALE_RETRY.toNanos(), () -> order(request, Step.HOLD));
            return;
        }
        boolean mayTryAgain = orders < behaviour.maxAttempts();
        if (!refused.problem().alternatives().isEmpty()) {
            context.metrics().add(Count.ALTERNATIVES_OFFERED);
            if (mayTryAgain && random.nextDouble() < behaviour.takeAlternative()) {
                Alternative offer = refused.problem().alternatives().get(0);
                context.metrics().add(Count.ALTERNATIVES_TAKEN);
                later(think(), () -> order(offer.asOrder(), Step.ALTERNATIVE));
                return;
            }
        } else if (mayTryAgain && "SEAT_TAKEN".equals(refused.reason()) && request.seats() != null
                && random.nextDouble() < behaviour.bestAvailableAfterLoss()) {
            context.metrics().add(Count.BEST_AVAILABLE_FALLBACK);
            String section = sectionOf(request.seats().get(0));
            later(think(), () -> order(OrderRequest.inSection(section, request.seats().size()), Step.ALTERNATIVE));
            return;
        }
        context.metrics().add(Count.GAVE_UP);
        finish();
    }

    private void checkout(Order order) {
        long[] sent = new long[1];
        call(sent, () -> context.api().order(order.orderId(), token)).whenComplete((answer, error) -> {
            if (error != null) {
                countFailure(Step.ORDER_STATUS, error);
            } else if (answer.ok()) {
                context.metrics().record(Step.ORDER_STATUS, context.nanoClock().getAsLong() - sent[0]);
            } else {
                context.metrics().httpError(answer.status());
            }
            later(think(), () -> decide(order));
        });
    }

    /** Until the edge takes payments: keep the hold (would pay), or walk away from it. */
    private void decide(Order order) {
        Behaviour behaviour = context.behaviour();
        if (random.nextDouble() >= behaviour.abandonRate()) {
            context.metrics().add(Count.KEPT);
            context.ledger().fate(order.orderId(), Ledger.Fate.KEPT);
            finish();
        } else if (random.nextDouble() < behaviour.cancelShare()) {
            cancel(order, new long[1], 0);
        } else {
            context.metrics().add(Count.LEFT);
            context.ledger().fate(order.orderId(), Ledger.Fate.LEFT);
            finish();
        }
    }

    private void cancel(Order order, long[] firstSent, int retries) {
        long[] sent = new long[1];
        call(sent, () -> context.api().cancelOrder(order.orderId(), token)).whenComplete((outcome, error) -> {
            if (firstSent[0] == 0) {
                firstSent[0] = sent[0];
            }
            long started = firstSent[0];
            if (outcome instanceof OrderOutcome.Decided) {
                context.metrics().record(Step.CANCEL, context.nanoClock().getAsLong() - started);
                context.metrics().add(Count.CANCELLED);
                context.ledger().fate(order.orderId(), Ledger.Fate.CANCELLED);
            } else if (outcome instanceof OrderOutcome.Refused refused && "HOLD_EXPIRED".equals(refused.reason())) {
                context.metrics().record(Step.CANCEL, context.nanoClock().getAsLong() - started);
                context.metrics().add(Count.EXPIRED);
                context.ledger().fate(order.orderId(), Ledger.Fate.EXPIRED);
            } else if (retries < Behaviour.MAX_CANCEL_RETRIES && (error != null || outcome instanceof OrderOutcome.Pending
                    || outcome.status() == 503)) {
                if (error != null) {
                    countFailure(Step.CANCEL, error);
                } else if (outcome instanceof OrderOutcome.Pending) {
                    context.metrics().add(Count.PENDING);
                } else {
                    context.metrics().httpError(outcome.status());
                }
                // Each cancel is its own request, and cancelling a cancelled order answers CANCELLED again.
                Duration wait = outcome instanceof OrderOutcome.Pending pending ? pending.retryAfter() : Duration.ofMillis(500);
                later(clamp(wait), () -> cancel(order, firstSent, retries + 1));
                return;
            } else {
                if (error != null) {
                    countFailure(Step.CANCEL, error);
                } else if (outcome instanceof OrderOutcome.Refused refused) {
                    context.metrics().rejected("cancel " + refused.reason(), context.secondAfterOpening());
                } else if (!(outcome instanceof OrderOutcome.Pending)) {
                    context.metrics().httpError(outcome.status());
                }
                context.ledger().fate(order.orderId(), Ledger.Fate.CANCEL_UNCERTAIN);
            }
            finish();
        });
    }

    private void finish() {
        context.metrics().add(Count.FINISHED);
        context.onFinished().run();
    }

    /**
     * Through the in-flight limit. Latencies run from {@code sent[0]}, when the call actually left: the time spent
     * waiting for a slot is the client's, recorded apart as {@link Step#CLIENT_QUEUE}.
     */
    private <T> CompletableFuture<T> call(long[] sent, java.util.function.Supplier<CompletableFuture<T>> request) {
        long queued = context.nanoClock().getAsLong();
        return context.limit().submit(() -> {
            sent[0] = context.nanoClock().getAsLong();
            context.metrics().record(Step.CLIENT_QUEUE, sent[0] - queued);
            return request.get();
        });
    }

    private void later(long nanos, Runnable next) {
        if (nanos <= 0) {
            next.run();
        } else {
            context.timer().schedule(next, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private long think() {
        long most = context.behaviour().thinkTime().toNanos();
        return most <= 0 ? 0 : (long) (random.nextDouble() * most);
    }

    /** Between 50 ms and 5 s, whatever the edge suggests. */
    static long clamp(Duration retryAfter) {
        long millis = Math.max(50, Math.min(5_000, retryAfter.toMillis()));
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private void countFailure(Step step, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean timeout = cause instanceof EdgeCallException call && call.kind() == EdgeCallException.Kind.TIMEOUT;
        context.metrics().failed(step, timeout ? Count.TIMEOUTS : Count.TRANSPORT_ERRORS);
    }

    private static String kind(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof EdgeCallException call ? call.kind().name().toLowerCase() : cause.getClass().getSimpleName();
    }

    /** Seat ids are {@code <section>-<row>-<number>}. */
    static String sectionOf(String seatId) {
        int dash = seatId.indexOf('-');
        return dash < 0 ? seatId : seatId.substring(0, dash);
    }
}
