package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.Alternative;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
import io.onsale.loadgen.client.QueueStatus;
import io.onsale.loadgen.simulate.Metrics.Count;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One buyer's way through the sale, as a chain of callbacks: no thread waits for it. Arrive and read the event page;
 * join the waiting room and follow the status at the interval the edge suggests until admitted (or told SOLD_OUT or
 * EXPIRED); if early, come back at the opening; order the first choice with the admission token; on a refusal maybe
 * take the alternative; with a hold, read the order (checkout page), then pay (perhaps declined, then perhaps once
 * more with a good method), cancel it or walk away. Every step is timed and counted.
 */
final class Journey {

    /** What all journeys share. {@code soldOutSeen}: when a buyer first heard SOLD_OUT from the room (-1: never). */
    record Context(
            EdgeApi api,
            InFlightLimit limit,
            ScheduledExecutorService timer,
            Metrics metrics,
            Ledger ledger,
            QueueLedger queue,
            Behaviour behaviour,
            boolean waitingRoom,
            String eventId,
            long openNanos,
            LongSupplier nanoClock,
            Runnable onFinished,
            AtomicLong soldOutSeen) {

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
    /** Sent with every order once the waiting room admitted this buyer; null without a room. */
    private String admissionToken;
    /** The admitted buyer's queue ticket: given back when the buyer gives up, so the next buyer gets the slot. */
    private String queueTicket;

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
                context.metrics().httpError(Step.EVENT, answer.status(), answer.problem(), answer.retryAfter());
            }
            // The page failing does not stop a buyer from going on: they reload.
            if (context.waitingRoom()) {
                join(new long[1], 0);
            } else {
                orderAtOpening();
            }
        });
    }

    private void orderAtOpening() {
        long untilOpen = context.openNanos() - context.nanoClock().getAsLong();
        long delay = untilOpen > 0 ? untilOpen + TimeUnit.MILLISECONDS.toNanos(random.nextInt(300)) : think();
        later(delay, () -> order(buyer.firstOrder(), Step.HOLD));
    }

    // ---- the waiting room -------------------------------------------------------------------------------------

    /** {@code joinSent[0]}: when the first join left, the start of the queue wait (202 retries included). */
    private void join(long[] joinSent, int retries) {
        if (retries == 0) {
            context.metrics().add(Count.QUEUE_JOINED);
        }
        long[] sent = new long[1];
        call(sent, () -> context.api().joinQueue(context.eventId(), token)).whenComplete((answer, error) -> {
            if (joinSent[0] == 0) {
                joinSent[0] = sent[0];
            }
            QueueFollowing.Next next = QueueFollowing.afterJoin(answer, error, retries);
            if (next instanceof QueueFollowing.JoinAgain again) {
                countProblem(Step.QUEUE_JOIN, answer, error);
                later(again.afterNanos(), () -> join(joinSent, retries + 1));
                return;
            }
            context.metrics().record(Step.QUEUE_JOIN, context.nanoClock().getAsLong() - joinSent[0]);
            if (next instanceof QueueFollowing.Follow joined
                    && !QueueStatus.ADMITTED.equals(joined.status().state())) {
                context.metrics().add(Count.QUEUE_WAITED);
            }
            follow(next, ticketOf(answer), joinSent[0], 0);
        });
    }

    private static String ticketOf(Answer<QueueStatus> answer) {
        return answer == null || answer.body() == null ? null : answer.body().ticket();
    }

    /** Acts on what the room said: order once admitted, poll again, or leave. */
    private void follow(QueueFollowing.Next next, String ticket, long joinSent, int failures) {
        if (next instanceof QueueFollowing.Follow follow) {
            QueueStatus status = follow.status();
            if (status.position() != null) {
                context.queue().position(buyer.buyerId(), status.position());
            }
            switch (status.state()) {
                case QueueStatus.ADMITTED -> {
                    queueTicket = ticket;
                    admitted(status, joinSent);
                }
                case QueueStatus.SOLD_OUT -> {
                    context.soldOutSeen().compareAndSet(-1, context.nanoClock().getAsLong());
                    leaveQueue(Count.QUEUE_SOLD_OUT);
                }
                case QueueStatus.EXPIRED -> leaveQueue(Count.QUEUE_EXPIRED);
                default -> later(QueueFollowing.pollNanos(status), () -> poll(ticket, joinSent, 0));
            }
        } else if (next instanceof QueueFollowing.PollAgain again && ticket != null) {
            later(again.afterNanos(), () -> poll(ticket, joinSent, failures + 1));
        } else {
            leaveQueue(Count.QUEUE_LOST);
        }
    }

    private void poll(String ticket, long joinSent, int failures) {
        long[] sent = new long[1];
        call(sent, () -> context.api().queueStatus(context.eventId(), ticket, token))
                .whenComplete((answer, error) -> {
                    if (error == null && answer.ok()) {
                        context.metrics()
                                .record(Step.QUEUE_STATUS, context.nanoClock().getAsLong() - sent[0]);
                    } else {
                        countProblem(Step.QUEUE_STATUS, answer, error);
                    }
                    follow(QueueFollowing.afterStatus(answer, error, failures), ticket, joinSent, failures);
                });
    }

    private void admitted(QueueStatus status, long joinSent) {
        context.metrics().record(Step.QUEUE_WAIT, context.nanoClock().getAsLong() - joinSent);
        context.metrics().add(Count.QUEUE_ADMITTED);
        if (status.position() != null) {
            context.queue().admitted(buyer.buyerId(), status.position(), status.admittedAt());
        }
        admissionToken = status.admissionToken();
        // Admission comes at the opening at the earliest; a buyer a moment early is still sent back by NOT_ON_SALE.
        orderAtOpening();
    }

    private void leaveQueue(Count why) {
        context.metrics().add(why);
        finish();
    }

    // ---- ordering ---------------------------------------------------------------------------------------------

    private void order(OrderRequest request, Step step) {
        orders++;
        if (step == Step.HOLD && orders == 1) {
            context.metrics().add(Count.ORDERS_SENT);
        }
        // No ':' or '|': the edge refuses keys with the separators of its request ids (400 invalid-idempotency-key).
        String key = buyer.buyerId() + "-order-" + orders;
        send(request, step, key, new long[1], new boolean[1], 0, 0);
    }

    /**
     * {@code firstSent[0]}: when the first try left, the start of the time to a decision (202 retries included);
     * {@code maybePlaced[0]}: some answer to this key did not say it was turned away before being placed.
     */
    private void send(
            OrderRequest request,
            Step step,
            String key,
            long[] firstSent,
            boolean[] maybePlaced,
            int pendingRetries,
            int busyRetries) {
        long[] sent = new long[1];
        call(sent, () -> context.api().placeOrder(context.eventId(), request, key, token, admissionToken))
                .whenComplete((outcome, error) -> {
                    if (firstSent[0] == 0) {
                        firstSent[0] = sent[0];
                    }
                    long started = firstSent[0];
                    if (error != null) {
                        countFailure(step, error);
                        context.ledger()
                                .undecided(new Ledger.Undecided(
                                        buyer.buyerId(), key, request, admissionToken, kind(error), true));
                        finish();
                        return;
                    }
                    if (outcome instanceof OrderOutcome.Decided decided) {
                        context.metrics().record(step, context.nanoClock().getAsLong() - started);
                        held(decided.order(), request, step);
                    } else if (outcome instanceof OrderOutcome.Pending pending) {
                        context.metrics().add(Count.PENDING);
                        maybePlaced[0] = true;
                        if (pendingRetries < Behaviour.MAX_PENDING_RETRIES) {
                            later(
                                    clamp(pending.retryAfter()),
                                    () -> send(
                                            request,
                                            step,
                                            key,
                                            firstSent,
                                            maybePlaced,
                                            pendingRetries + 1,
                                            busyRetries));
                        } else {
                            context.ledger()
                                    .undecided(new Ledger.Undecided(
                                            buyer.buyerId(), key, request, admissionToken, "still pending", true));
                            finish();
                        }
                    } else if (outcome instanceof OrderOutcome.Refused refused) {
                        context.metrics().record(step, context.nanoClock().getAsLong() - started);
                        context.metrics().rejected(refused.reason(), context.secondAfterOpening());
                        afterRefusal(request, refused);
                    } else {
                        OrderOutcome.Failed failed = (OrderOutcome.Failed) outcome;
                        context.metrics().httpError(step, failed);
                        maybePlaced[0] |= !turnedAway(failed);
                        if ((failed.status() == 503 || failed.status() == 429)
                                && busyRetries < Behaviour.MAX_BUSY_RETRIES) {
                            later(
                                    clamp(failed.retryAfter()),
                                    () -> send(
                                            request,
                                            step,
                                            key,
                                            firstSent,
                                            maybePlaced,
                                            pendingRetries,
                                            busyRetries + 1));
                        } else {
                            if (failed.status() >= 500) {
                                // A 5xx may have been decided all the same: ask again at the end.
                                context.ledger()
                                        .undecided(new Ledger.Undecided(
                                                buyer.buyerId(),
                                                key,
                                                request,
                                                admissionToken,
                                                "status " + failed.status(),
                                                maybePlaced[0]));
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
        } else if (mayTryAgain
                && "SEAT_TAKEN".equals(refused.reason())
                && request.seats() != null
                && random.nextDouble() < behaviour.bestAvailableAfterLoss()) {
            context.metrics().add(Count.BEST_AVAILABLE_FALLBACK);
            String section = sectionOf(request.seats().get(0));
            later(
                    think(),
                    () -> order(OrderRequest.inSection(section, request.seats().size()), Step.ALTERNATIVE));
            return;
        }
        context.metrics().add(Count.GAVE_UP);
        giveSlotBack();
    }

    /** A buyer who holds nothing and gives up leaves the room at once instead of keeping a slot to the window's end. */
    private void giveSlotBack() {
        if (queueTicket == null) {
            finish();
            return;
        }
        long[] sent = new long[1];
        call(sent, () -> context.api().leaveQueue(context.eventId(), queueTicket, token))
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        countFailure(Step.QUEUE_LEAVE, error);
                    } else if (answer.ok()) {
                        context.metrics()
                                .record(Step.QUEUE_LEAVE, context.nanoClock().getAsLong() - sent[0]);
                    } else if (answer.status() != 409) {
                        // 409: the place had ended already, nothing to give back
                        context.metrics()
                                .httpError(Step.QUEUE_LEAVE, answer.status(), answer.problem(), answer.retryAfter());
                    }
                    finish();
                });
    }

    private void checkout(Order order) {
        long[] sent = new long[1];
        call(sent, () -> context.api().order(order.orderId(), token)).whenComplete((answer, error) -> {
            if (error != null) {
                countFailure(Step.ORDER_STATUS, error);
            } else if (answer.ok()) {
                context.metrics().record(Step.ORDER_STATUS, context.nanoClock().getAsLong() - sent[0]);
            } else {
                context.metrics().httpError(Step.ORDER_STATUS, answer.status(), answer.problem(), answer.retryAfter());
            }
            later(think(), () -> decide(order));
        });
    }

    /** Pay for the hold (with payments off: keep it unpaid), or walk away from it. */
    private void decide(Order order) {
        Behaviour behaviour = context.behaviour();
        if (random.nextDouble() >= behaviour.abandonRate()) {
            if (!behaviour.payments()) {
                context.metrics().add(Count.KEPT);
                context.ledger().fate(order.orderId(), Ledger.Fate.KEPT);
                finish();
                return;
            }
            boolean declining = random.nextDouble() < behaviour.declineRate();
            pay(order, declining ? Behaviour.DECLINING_METHOD : Behaviour.GOOD_METHOD, 1, new long[1], 0);
        } else if (random.nextDouble() < behaviour.cancelShare()) {
            cancel(order, new long[1], 0);
        } else {
            leave(order);
        }
    }

    private void leave(Order order) {
        context.metrics().add(Count.LEFT);
        context.ledger().fate(order.orderId(), Ledger.Fate.LEFT);
        finish();
    }

    /** {@code attempt}: 1, or 2 for the second method after a decline; each attempt is its own payment key. */
    private void pay(Order order, String method, int attempt, long[] firstSent, int retries) {
        // The edge scopes a payment key to its order (pay:<orderId>:<key>): the buyer and the attempt are enough.
        String key = buyer.buyerId() + "-pay-" + attempt;
        long[] sent = new long[1];
        call(sent, () -> context.api().pay(order.orderId(), method, key, token)).whenComplete((outcome, error) -> {
            if (firstSent[0] == 0) {
                firstSent[0] = sent[0];
            }
            long took = context.nanoClock().getAsLong() - firstSent[0];
            Paying.Next next = Paying.after(outcome, error, retries);
            if (next instanceof Paying.AskAgain again) {
                if (error != null) {
                    countFailure(Step.PAYMENT, error);
                } else if (outcome instanceof OrderOutcome.Pending) {
                    context.metrics().add(Count.PENDING);
                } else if (outcome instanceof OrderOutcome.Failed failed) {
                    context.metrics().httpError(Step.PAYMENT, failed);
                }
                later(again.afterNanos(), () -> pay(order, method, attempt, firstSent, retries + 1));
                return;
            }
            if (next instanceof Paying.Confirmed confirmed) {
                context.metrics().record(Step.PAYMENT, took);
                context.metrics().add(Count.PAID);
                context.metrics().soldTickets(confirmed.order().tickets(), context.secondAfterOpening());
                context.ledger().fate(order.orderId(), Ledger.Fate.PAID);
                finish();
            } else if (next instanceof Paying.Declined) {
                context.metrics().record(Step.PAYMENT, took);
                context.metrics().add(Count.DECLINED);
                if (attempt == 1 && random.nextDouble() < context.behaviour().payAgainAfterDecline()) {
                    context.metrics().add(Count.PAID_AGAIN);
                    later(think(), () -> pay(order, Behaviour.GOOD_METHOD, 2, new long[1], 0));
                } else {
                    leave(order);
                }
            } else if (next instanceof Paying.Expired) {
                context.metrics().record(Step.PAYMENT, took);
                context.metrics().add(Count.PAYMENT_EXPIRED);
                context.metrics().add(Count.TICKETS_RELEASED, order.tickets());
                context.ledger().fate(order.orderId(), Ledger.Fate.EXPIRED);
                finish();
            } else if (next instanceof Paying.Refused refused) {
                context.metrics().record(Step.PAYMENT, took);
                context.metrics().rejected("payment " + refused.reason(), context.secondAfterOpening());
                context.ledger().fate(order.orderId(), Ledger.Fate.PAY_UNCERTAIN);
                finish();
            } else {
                if (error != null) {
                    countFailure(Step.PAYMENT, error);
                } else if (outcome instanceof OrderOutcome.Failed failed) {
                    context.metrics().httpError(Step.PAYMENT, failed);
                }
                context.metrics().add(Count.PAYMENT_UNCERTAIN);
                context.ledger().fate(order.orderId(), Ledger.Fate.PAY_UNCERTAIN);
                finish();
            }
        });
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
                context.metrics().add(Count.TICKETS_RELEASED, order.tickets());
                context.ledger().fate(order.orderId(), Ledger.Fate.CANCELLED);
            } else if (outcome instanceof OrderOutcome.Refused refused && "HOLD_EXPIRED".equals(refused.reason())) {
                context.metrics().record(Step.CANCEL, context.nanoClock().getAsLong() - started);
                context.metrics().add(Count.EXPIRED);
                context.ledger().fate(order.orderId(), Ledger.Fate.EXPIRED);
            } else if (retries < Behaviour.MAX_CANCEL_RETRIES
                    && (error != null || outcome instanceof OrderOutcome.Pending || outcome.status() == 503)) {
                if (error != null) {
                    countFailure(Step.CANCEL, error);
                } else if (outcome instanceof OrderOutcome.Pending) {
                    context.metrics().add(Count.PENDING);
                } else if (outcome instanceof OrderOutcome.Failed failed) {
                    context.metrics().httpError(Step.CANCEL, failed);
                }
                // Each cancel is its own request, and cancelling a cancelled order answers CANCELLED again.
                Duration wait =
                        outcome instanceof OrderOutcome.Pending pending ? pending.retryAfter() : Duration.ofMillis(500);
                later(clamp(wait), () -> cancel(order, firstSent, retries + 1));
                return;
            } else {
                if (error != null) {
                    countFailure(Step.CANCEL, error);
                } else if (outcome instanceof OrderOutcome.Refused refused) {
                    context.metrics().rejected("cancel " + refused.reason(), context.secondAfterOpening());
                } else if (outcome instanceof OrderOutcome.Failed failed) {
                    context.metrics().httpError(Step.CANCEL, failed);
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

    /** A call that failed or answered an error status. */
    private void countProblem(Step step, Answer<?> answer, Throwable error) {
        if (error != null) {
            countFailure(step, error);
        } else if (answer != null && !answer.ok()) {
            context.metrics().httpError(step, answer.status(), answer.problem(), answer.retryAfter());
        }
    }

    private void countFailure(Step step, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean timeout = cause instanceof EdgeCallException call && call.kind() == EdgeCallException.Kind.TIMEOUT;
        context.metrics().failed(step, timeout ? Count.TIMEOUTS : Count.TRANSPORT_ERRORS);
    }

    /** The edge's answers that it did not take the order in at all: its in-flight bound full, the buyer's bucket empty. */
    static boolean turnedAway(OrderOutcome.Failed failed) {
        String type = failed.problem() == null ? null : failed.problem().type();
        return failed.status() == 429 || failed.status() == 503 && type != null && type.endsWith(":overloaded");
    }

    private static String kind(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof EdgeCallException call
                ? call.kind().name().toLowerCase()
                : cause.getClass().getSimpleName();
    }

    /** Seat ids are {@code <section>-<row>-<number>}. */
    static String sectionOf(String seatId) {
        int dash = seatId.indexOf('-');
        return dash < 0 ? seatId : seatId.substring(0, dash);
    }
}
