package io.onsale.edge.payment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.buyer.OrderAnswers;
import io.onsale.edge.buyer.OrderGateway;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.buyer.OrderView;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.payment.PaymentGateway.Authorization;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.RandomIds;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.kafka.compat.OrderReasons;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderReason;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Pays for a held order: authorize the money, ask the engine to CONFIRM the order (it alone decides whether the hold
 * still stands), then capture when it is confirmed with this payment, or void the authorization when the confirm loses
 * (expired, cancelled, or another payment of the order confirmed it first: one order, one capture), so no buyer is
 * charged for tickets they did not get, nor twice for the same tickets. Every step is recorded on {@code payment-events}
 * (keyed by order id) and counted ({@code onsale.payments} by status). Gateway calls go through a bounded line: a
 * burst waits for the gateway instead of failing ({@code onsale.payments.gateway} timer, in-flight and queued gauges).
 *
 * <p>A confirm not answered within the decision timeout is answered 202, and its answer is still followed until the
 * hold's deadline (plus a margin) to capture or void then. An answer that never comes, an edge that stops meanwhile,
 * or a capture or void that failed leave the authorization open on {@code payment-events}, where
 * {@link PaymentReconciliation} settles it from the order's committed state.
 *
 * <p>The hold is guarded, not extended, while the gateway works (ADR 0008): a payment starts only with the time it
 * needs left on the hold, and the authorization, waiting in line included, must be done the confirm margin before
 * the hold ends, or the payment stops there (409 {@code HOLD_ENDING}). A confirm that still arrives too late is
 * refused by the engine and voided, never charged.
 */
@Component
public class PaymentFlow {

    private static final Logger log = LoggerFactory.getLogger(PaymentFlow.class);

    private final PaymentGateway gateway;
    private final OrderGateway orders;
    private final CommandPublisher publisher;
    private final Topics topics;
    private final Duration callTimeout;
    private final Duration confirmMargin;
    private final Duration holdTimeNeeded;
    private final BoundedConcurrency line;
    private final Clock clock;

    private final MeterRegistry meters;
    /** After the hold's deadline, how long a late confirm answer is still waited for before reconciliation must act. */
    private static final Duration LATE_ANSWER_MARGIN = Duration.ofMinutes(1);
    /** An unanswered authorization is asked for again after 1 s, doubling to 30 s, for about five minutes. */
    static final Retry ASK_AGAIN = Retry.backoff(14, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30));

    private static final String ASK_AGAIN_FOR = "about five minutes";

    PaymentFlow(
            PaymentGateway gateway,
            OrderGateway orders,
            CommandPublisher publisher,
            Topics topics,
            PaymentSettings settings,
            ObjectProvider<MeterRegistry> meters,
            Clock clock) {
        this.gateway = gateway;
        this.orders = orders;
        this.publisher = publisher;
        this.topics = topics;
        this.callTimeout = settings.timeout();
        this.confirmMargin = settings.confirmMargin();
        this.holdTimeNeeded = settings.holdTimeNeeded();
        this.line = new BoundedConcurrency(settings.maxConcurrent(), settings.maxQueued());
        this.clock = clock;
        // Slice tests run without a metrics registry; the application always has one.
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        Gauge.builder("onsale.payments.gateway.in.flight", line, BoundedConcurrency::inFlight)
                .register(this.meters);
        Gauge.builder("onsale.payments.gateway.queued", line, BoundedConcurrency::queued)
                .register(this.meters);
    }

    /** Times one gateway call in the bounded line: {@code onsale.payments.gateway} with {@code call} and {@code outcome}. */
    private <T> Mono<T> call(String name, java.util.function.Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(meters);
            return line.run(() -> work.get().timeout(callTimeout))
                    .doOnSuccess(ignored ->
                            sample.stop(meters.timer("onsale.payments.gateway", "call", name, "outcome", "ok")))
                    .doOnError(error -> sample.stop(meters.timer(
                            "onsale.payments.gateway",
                            "call",
                            name,
                            "outcome",
                            error.getClass().getSimpleName())));
        });
    }

    /**
     * @param order the order as the engine's books have it (the caller answers an order it does not find)
     * @param idempotencyKey the same key retried pays once; without one every call is a new payment attempt
     */
    public Mono<ResponseEntity<Object>> pay(
            OrderRef ref,
            String buyerId,
            OrderView order,
            EventIndex event,
            String paymentMethod,
            String idempotencyKey) {
        ApiProblem refusal = Payability.refusal(order, clock.instant(), holdTimeNeeded);
        if (refusal != null) {
            return Mono.error(refusal);
        }
        if ("CONFIRMED".equals(order.status())) {
            return Mono.just(ResponseEntity.ok(order));
        }
        String paymentId = "pay:" + ref.orderId() + ":"
                + (idempotencyKey == null || idempotencyKey.isBlank() ? RandomIds.uuid() : idempotencyKey);
        Payment payment = new Payment(
                paymentId,
                ref,
                buyerId,
                order.total().amountMinor(),
                order.total().currency());
        boolean keyed = idempotencyKey != null && !idempotencyKey.isBlank();
        AtomicBoolean sent = new AtomicBoolean();
        return authorize(payment, paymentMethod, order, sent)
                .doOnError(error -> {
                    // Sent, and no answer came: the provider may hold an authorization that no call will ask for
                    // again, since an unkeyed payment's id is never sent again and a hold that is ending refuses
                    // every retry. A keyed payment's retry gets its authorization back, so it is left to the buyer.
                    boolean holdEnding = error instanceof ApiProblem;
                    if (sent.get() && (holdEnding || (!keyed && !(error instanceof BoundedConcurrency.Overloaded)))) {
                        askAgainAndVoid(payment, paymentMethod, holdEnding ? "HOLD_ENDING" : "ANSWER_LOST");
                    }
                })
                .onErrorMap(
                        TimeoutException.class,
                        timeout -> new StoreUnavailableException("the payment gateway did not " + "answer within "
                                + callTimeout.toSeconds() + " s; nothing was confirmed, try again"))
                .onErrorMap(
                        GatewayUnavailableException.class,
                        down -> new StoreUnavailableException("the payment gateway "
                                + "is unavailable; nothing was confirmed, try again with the same Idempotency-Key"))
                .onErrorMap(
                        BoundedConcurrency.Overloaded.class,
                        full -> new StoreUnavailableException(
                                "too many payments at once (" + full.getMessage() + "); try again shortly"))
                .flatMap(authorization -> authorization.approved()
                        ? confirm(payment, authorization, event, patience(order))
                        : declined(payment, authorization));
    }

    /**
     * The whole authorization, waiting in line included, must end the confirm margin before the hold does; a call
     * cut short there is cancelled before any answer (the gateway keys it by payment id: asked again, it charges
     * once) and answered 409 {@code HOLD_ENDING}.
     */
    private Mono<Authorization> authorize(Payment payment, String paymentMethod, OrderView order, AtomicBoolean sent) {
        Mono<Authorization> authorizing = call("authorize", () -> {
            sent.set(true);
            return gateway.authorize(
                    payment.paymentId(), payment.buyerId(), payment.amountMinor(), payment.currency(), paymentMethod);
        });
        if (order.expiresAt() == null) {
            return authorizing;
        }
        Duration untilDeadline =
                Duration.between(clock.instant(), order.expiresAt().minus(confirmMargin));
        return authorizing.timeout(
                untilDeadline.isNegative() ? Duration.ZERO : untilDeadline,
                Mono.error(() -> Payability.holdEnding(
                        order, Duration.between(clock.instant(), order.expiresAt()), holdTimeNeeded)));
    }

    /** The engine answers a confirm by the hold's deadline at the latest (sold, or refused as expired); then a margin. */
    private Duration patience(OrderView order) {
        Duration untilExpiry =
                order.expiresAt() == null ? Duration.ZERO : Duration.between(clock.instant(), order.expiresAt());
        return (untilExpiry.isNegative() ? Duration.ZERO : untilExpiry).plus(LATE_ANSWER_MARGIN);
    }

    private Mono<ResponseEntity<Object>> declined(Payment payment, Authorization authorization) {
        return record(payment, PaymentStatus.FAILED, authorization.declineReason(), null)
                .then(Mono.error(new ApiProblem(
                                HttpStatus.PAYMENT_REQUIRED,
                                "payment-declined",
                                "Payment declined",
                                "The payment method was declined (" + authorization.declineReason()
                                        + "); the order is still held "
                                        + "until it expires: pay again with another method.")
                        .with("reason", "PAYMENT_DECLINED")
                        .with("declineReason", authorization.declineReason())
                        .with("orderId", payment.ref().orderId())));
    }

    private Mono<ResponseEntity<Object>> confirm(
            Payment payment, Authorization authorization, EventIndex event, Duration patience) {
        // Whichever sees the engine's answer first, this request or the late follower, settles the money; once.
        AtomicBoolean settled = new AtomicBoolean();
        Consumer<OrderEvent> late = answer -> {
            if (settled.compareAndSet(false, true)) {
                settle(payment, authorization, answer).subscribe();
            }
        };
        return record(payment, PaymentStatus.AUTHORIZED, null, authorization.authorizationId())
                .then(orders.confirm(payment.ref(), payment.buyerId(), payment.paymentId(), patience, late))
                .flatMap(outcome -> {
                    if (outcome.pending()) {
                        // Neither capture nor void on a guess: the engine may still confirm, and the late follower
                        // settles.
                        return Mono.just(OrderAnswers.pending(outcome.orderId()));
                    }
                    Mono<Void> settling = settled.compareAndSet(false, true)
                            ? settle(payment, authorization, outcome.answer())
                            : Mono.empty();
                    return settling.then(
                            Mono.fromSupplier(() -> answer(payment, outcome.answer(), event, clock.instant())));
                });
    }

    /**
     * A confirmed order is 200 with the order, whichever payment paid it: a payment that lost the race to another
     * payment of the order (its money voided) tells the buyer what they have, the order paid once, and names the
     * payment that paid. One still being confirmed by another payment is 409 {@code PAYMENT_IN_PROGRESS}, as a payment
     * started a moment later is; everything else is the engine's refusal.
     */
    private static ResponseEntity<Object> answer(Payment payment, OrderEvent answer, EventIndex event, Instant now) {
        if (answer.getType() == OrderEventType.CONFIRMED) {
            String paidWith = answer.getPaymentId() == null ? payment.paymentId() : answer.getPaymentId();
            return ResponseEntity.ok(OrderView.of(answer, event).paidWith(paidWith));
        }
        if (OrderReasons.of(answer) == OrderReason.PAYMENT_IN_PROGRESS) {
            throw Payability.anotherPaymentInProgress(payment.ref().orderId());
        }
        throw OrderAnswers.refusal(answer, event, now);
    }

    /** Capture what the engine confirmed with this payment; void everything else (Settlement). */
    private Mono<Void> settle(Payment payment, Authorization authorization, OrderEvent answer) {
        Settlement.Decision decision = Settlement.of(
                new Settlement.EngineAnswer(answer.getType().name(), answer.getPaymentId(), answer.getReason()),
                payment.paymentId());
        return decision.action() == Settlement.Action.CAPTURE
                ? capture(payment, authorization)
                : voidIt(payment, authorization, decision.reason());
    }

    private Mono<Void> capture(Payment payment, Authorization authorization) {
        return call("capture", () -> gateway.capture(payment.paymentId(), authorization.authorizationId()))
                .then(record(payment, PaymentStatus.CAPTURED, null, authorization.authorizationId()))
                // The tickets are the buyer's either way; a capture that failed is retried by reconciliation, not here.
                .onErrorResume(error -> {
                    log.error(
                            "payment {} confirmed order {} but its capture failed",
                            payment.paymentId(),
                            payment.ref().orderId(),
                            error);
                    return Mono.empty();
                });
    }

    private Mono<Void> voidIt(Payment payment, Authorization authorization, String why) {
        return call("void", () -> gateway.voidAuthorization(payment.paymentId(), authorization.authorizationId()))
                .then(record(payment, PaymentStatus.VOIDED, why, authorization.authorizationId()))
                .onErrorResume(error -> {
                    log.error(
                            "payment {} lost its order {} but its void failed",
                            payment.paymentId(),
                            payment.ref().orderId(),
                            error);
                    return Mono.empty();
                });
    }

    /**
     * Sends the authorization again with the same key until the provider answers (it replays the answer to a key it
     * has seen, or authorizes now if the first call never reached it), then puts it on {@code payment-events} and
     * voids it: nobody will confirm with this payment. Runs in the background after the buyer was answered; should
     * the void fail, reconciliation finds the recorded authorization. An edge that stops meanwhile leaves it to the
     * provider's own expiry.
     */
    private void askAgainAndVoid(Payment payment, String paymentMethod, String why) {
        call(
                        "authorize-again",
                        () -> gateway.authorize(
                                payment.paymentId(),
                                payment.buyerId(),
                                payment.amountMinor(),
                                payment.currency(),
                                paymentMethod))
                .retryWhen(ASK_AGAIN)
                .flatMap(authorization -> {
                    if (!authorization.approved()) {
                        return Mono.just("declined");
                    }
                    return record(payment, PaymentStatus.AUTHORIZED, null, authorization.authorizationId())
                            .then(voidIt(payment, authorization, why))
                            .thenReturn("voided");
                })
                .onErrorResume(error -> {
                    log.error(
                            "payment {} of order {} may hold an authorization at the provider: no answer to it after "
                                    + "asking again for {}; the provider's expiry releases it",
                            payment.paymentId(),
                            payment.ref().orderId(),
                            ASK_AGAIN_FOR,
                            error);
                    return Mono.just("gave-up");
                })
                .subscribe(outcome -> meters.counter("onsale.payments.unanswered", "outcome", outcome)
                        .increment());
    }

    private Mono<Void> record(Payment payment, PaymentStatus status, String reason, String authorizationId) {
        meters.counter("onsale.payments", "status", status.name()).increment();
        PaymentEvent event = PaymentEvent.newBuilder()
                .setPaymentId(payment.paymentId())
                .setOrderId(payment.ref().orderId())
                .setBuyerId(payment.buyerId())
                .setStatus(status)
                .setAmountMinor(payment.amountMinor())
                .setCurrency(payment.currency())
                .setReason(reason)
                .setAuthorizationId(authorizationId)
                .setOccurredAt(clock.instant())
                .build();
        return publisher
                .publish(topics.paymentEvents(), payment.ref().orderId(), event)
                .then();
    }

    private record Payment(String paymentId, OrderRef ref, String buyerId, long amountMinor, String currency) {}
}
