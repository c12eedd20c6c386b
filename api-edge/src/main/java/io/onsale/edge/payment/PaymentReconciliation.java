package io.onsale.edge.payment;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.buyer.OrderIds;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.payment.ReconciliationDecider.OrderSnapshot;
import io.onsale.edge.payment.ReconciliationDecider.Resolution;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Settles the authorizations nobody settled: the confirm answer never came in time, or the edge that authorized
 * stopped mid-payment. At start and every {@code interval}, each open authorization older than the grace period
 * whose order this instance holds is decided by {@link ReconciliationDecider} from the engine's committed books and
 * captured or voided, then recorded on {@code payment-events} like any settlement. Orders another instance holds are
 * that instance's to settle. Settling twice (two instances during a rebalance, a record not read back yet) sends the
 * same idempotency key the payment request would have ({@code capture:}/{@code void:} + authorization id), so the
 * provider moves the money once. Counted as {@code onsale.payments.reconciled} by {@code action}.
 */
class PaymentReconciliation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);

    private final OpenAuthorizations open;
    private final ReconciliationDecider decider;
    private final PaymentGateway gateway;
    private final QueryService queries;
    private final CommandPublisher publisher;
    private final Topics topics;
    private final Duration interval;
    private final Duration callTimeout;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicBoolean working = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private volatile Disposable schedule;
    private volatile Scheduler thread;

    PaymentReconciliation(
            OpenAuthorizations open,
            ReconciliationDecider decider,
            PaymentGateway gateway,
            QueryService queries,
            CommandPublisher publisher,
            Topics topics,
            Duration interval,
            Duration callTimeout,
            MeterRegistry meters,
            Clock clock) {
        this.open = open;
        this.decider = decider;
        this.gateway = gateway;
        this.queries = queries;
        this.publisher = publisher;
        this.topics = topics;
        this.interval = interval;
        this.callTimeout = callTimeout;
        this.meters = meters;
        this.clock = clock;
    }

    /** Looks at every open authorization once; a run still going when the next is due is not doubled. */
    Mono<Void> runOnce() {
        return Mono.defer(() -> {
            if (!open.caughtUp() || !working.compareAndSet(false, true)) {
                return Mono.empty();
            }
            return Flux.fromIterable(open.snapshot())
                    .concatMap(this::reconcile)
                    .then()
                    .doFinally(signal -> {
                        working.set(false);
                        runs.incrementAndGet();
                    });
        });
    }

    /** Completed runs, for tests waiting for one. */
    long runs() {
        return runs.get();
    }

    private Mono<Void> reconcile(OpenAuthorization authorization) {
        Optional<OrderRef> ref = OrderIds.parse(authorization.orderId());
        OrderSnapshot order;
        if (ref.isEmpty()) {
            order = null;
        } else {
            Answer<Optional<BuyerOrders>> books;
            try {
                books = queries.queries().orders(ref.get().eventId(), authorization.buyerId());
            } catch (StoreUnavailableException notYet) {
                return Mono.empty();
            }
            if (!(books instanceof Answer.Local<Optional<BuyerOrders>> here)) {
                return Mono.empty(); // another instance holds this order (and settles it), or nobody does right now
            }
            order = snapshot(here.value(), authorization.orderId());
        }
        Resolution resolution = decider.decide(authorization, order, clock.instant());
        return switch (resolution.action()) {
            case WAIT -> Mono.empty();
            case CAPTURE ->
                settle(
                        authorization,
                        resolution,
                        PaymentStatus.CAPTURED,
                        gateway.capture(authorization.paymentId(), authorization.authorizationId()));
            case VOID ->
                settle(
                        authorization,
                        resolution,
                        PaymentStatus.VOIDED,
                        gateway.voidAuthorization(authorization.paymentId(), authorization.authorizationId()));
        };
    }

    private static OrderSnapshot snapshot(Optional<BuyerOrders> books, String orderId) {
        return books.flatMap(orders -> orders.getOrders().stream()
                        .filter(order -> order.getOrderId().equals(orderId))
                        .findFirst())
                .map(order -> new OrderSnapshot(order.getStatus().name(), order.getPaymentId()))
                .orElse(null);
    }

    private Mono<Void> settle(
            OpenAuthorization authorization, Resolution resolution, PaymentStatus status, Mono<Void> call) {
        PaymentEvent event = PaymentEvent.newBuilder()
                .setPaymentId(authorization.paymentId())
                .setOrderId(authorization.orderId())
                .setBuyerId(authorization.buyerId())
                .setStatus(status)
                .setAmountMinor(authorization.amountMinor())
                .setCurrency(authorization.currency())
                .setAuthorizationId(authorization.authorizationId())
                .setReason(status == PaymentStatus.VOIDED ? resolution.reason() : null)
                .setOccurredAt(clock.instant())
                .build();
        return call.timeout(callTimeout)
                .then(publisher.publish(topics.paymentEvents(), authorization.orderId(), event))
                .doOnSuccess(ignored -> {
                    open.settled(authorization.paymentId());
                    meters.counter("onsale.payments.reconciled", "action", status.name())
                            .increment();
                    log.info(
                            "reconciled payment {} of order {}: {} ({})",
                            authorization.paymentId(),
                            authorization.orderId(),
                            status,
                            resolution.reason());
                })
                .then()
                .onErrorResume(GatewayRefusedException.class, refused -> {
                    // The provider's books disagree with ours for good: retrying cannot help, a person has to look.
                    open.settled(authorization.paymentId());
                    meters.counter("onsale.payments.reconciled", "action", "REFUSED")
                            .increment();
                    log.error(
                            "the payment provider refused to settle payment {} of order {} as {}: {}; left to an operator",
                            authorization.paymentId(),
                            authorization.orderId(),
                            status,
                            refused.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(error -> {
                    meters.counter("onsale.payments.reconciled", "action", "FAILED")
                            .increment();
                    log.warn(
                            "could not settle payment {} of order {} as {}; tried again in {}",
                            authorization.paymentId(),
                            authorization.orderId(),
                            status,
                            interval,
                            error);
                    return Mono.empty();
                });
    }

    @Override
    public void start() {
        thread = Schedulers.newSingle("payment-reconciliation", true);
        schedule = Flux.interval(Duration.ZERO, interval, thread)
                .onBackpressureDrop()
                .concatMap(
                        tick -> runOnce().onErrorResume(error -> {
                            log.error("a reconciliation run failed", error);
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        Scheduler single = thread;
        if (single != null) {
            single.dispose();
        }
        schedule = null;
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    /** After the payment-events reader (phase 0), so its first run can already count. */
    @Override
    public int getPhase() {
        return 1;
    }
}
