package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.EdgeCalls;
import io.onsale.edge.testing.PaymentEventsLog;
import io.onsale.edge.testing.RunningEdge;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.Topics;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
import io.onsale.loadgen.client.SeatMap;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edge with the HTTP payment gateway, on a real broker, against a provider that fails every other call:
 * alternately 503 before doing anything, and doing the work but answering later than the edge waits (the
 * authorization made or the money moved, the answer lost). A burst of buyers, one seat each, pays at once: most with
 * a key, sent again after a 503; some clicking "pay" twice at once without a key; some with a declined card first.
 * Then reconciliation settles what the payment requests could not.
 *
 * <p>Asserted from the provider's own ledger, not from what the edge says it did: no order captured twice; every
 * capture belongs to a CONFIRMED order (charged ⇒ ticket) and every CONFIRMED order has exactly one capture
 * (ticket ⇒ charged); every other authorization is voided, those whose every answer was lost included (the edge asks
 * for them again with the same key); no seat sold twice. Every buyer's
 * answer was 200, 402, 409 or 503 with Retry-After, never a 500 and never longer than the client's request timeout.
 */
class GatewayHalfFailingIT {

    private static final int BUYERS = 40;
    private static final String GOOD_CARD = "card-ok";
    /** One HTTP exchange with the provider; a late answer comes twice as late. */
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(500);
    /** The client's patience: an edge that hangs longer than this on a payment fails the test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Set<Integer> ALLOWED = Set.of(200, 402, 409, 503);

    private final String prefix = RealKafka.uniquePrefix("gateway-half-failing");
    private final Topics topics = Topics.from(new Topics.Settings(prefix, 4, 1));
    private FakePaymentProvider provider;
    private RunningEdge edge;
    private EdgeApi client;

    /** One HTTP answer to a payment: its status, Retry-After, and how long it took; or why there was none. */
    record Answered(String buyer, int status, Duration retryAfter, long millis, String noAnswer) {}

    /** A buyer, the seat held, and how the buyer pays. */
    record Buyer(String name, Order order, boolean doubleClicks, boolean declinedFirst) {
        String token() {
            return TestTokens.buyer(name);
        }
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aProviderFailingEveryOtherCallChargesNoOrderTwiceAndNoneWithoutATicketOnceReconciled() throws Exception {
        provider = new FakePaymentProvider();
        edge = RunningEdge.start(
                prefix,
                "--onsale.payments.gateway=http",
                "--onsale.payments.http.base-url=" + provider.baseUrl(),
                "--onsale.payments.http.call-timeout=" + CALL_TIMEOUT.toMillis() + "ms",
                "--onsale.payments.http.max-retries=2",
                "--onsale.payments.http.retry-backoff=50ms",
                "--onsale.payments.timeout=3s",
                "--onsale.payments.reconciliation.interval=300ms",
                "--onsale.payments.reconciliation.grace=2s",
                // Buyers here send again after each 503: the payment bucket is not what is tested.
                "--onsale.edge.limits.payment.capacity=1000");
        client = EdgeApi.connect(edge.uri(), new EdgeApi.Settings(Duration.ofSeconds(5), REQUEST_TIMEOUT, 256, 2));
        String event = configure();
        List<Buyer> buyers = hold(event);

        provider.failEveryOtherCall(CALL_TIMEOUT.multipliedBy(2));
        ConcurrentLinkedQueue<Answered> answers = new ConcurrentLinkedQueue<>();
        AtomicInteger attempts = new AtomicInteger();
        List<CompletableFuture<OrderOutcome>> paying =
                buyers.stream().map(buyer -> pay(buyer, answers, attempts)).toList();
        CompletableFuture.allOf(paying.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);

        // Every answer one a client can act on, in time.
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.noAnswer()).as("%s", answer).isNull();
            assertThat(answer.status()).as("%s", answer).isIn(ALLOWED);
            if (answer.status() == 503) {
                assertThat(answer.retryAfter()).as("%s", answer).isPositive();
            }
            assertThat(answer.millis()).as("%s", answer).isLessThan(REQUEST_TIMEOUT.toMillis());
        });
        assertThat(paying)
                .allSatisfy(payment -> assertThat(payment.join().status())
                        .as("%s", payment.join())
                        .isEqualTo(200));

        // Reconciliation settles every authorization the edge recorded, and the edge asks again for those whose every
        // answer was lost: nothing stays open at the provider.
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(provider.authorizations().entrySet())
                        .as("authorizations still open at the provider")
                        .filteredOn(open -> open.getValue() == FakePaymentProvider.State.AUTHORIZED)
                        .isEmpty());

        Map<String, Order> orders = buyers.stream()
                .collect(Collectors.toMap(
                        buyer -> buyer.order().orderId(),
                        buyer -> EdgeCalls.read(() -> client.order(buyer.order().orderId(), buyer.token()))
                                .orThrow("order")));
        Map<String, FakePaymentProvider.State> ledger = provider.authorizations();
        Map<String, List<String>> capturedByOrder = ledger.entrySet().stream()
                .filter(entry -> entry.getValue() == FakePaymentProvider.State.CAPTURED)
                .collect(Collectors.groupingBy(
                        entry -> orderOf(provider.paymentOf(entry.getKey())),
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        // Never twice: one captured authorization per order, each charged once.
        assertThat(capturedByOrder).allSatisfy((orderId, captured) -> {
            assertThat(captured).as("captured authorizations of %s", orderId).hasSize(1);
            assertThat(provider.captures(captured.get(0)))
                    .as("charges of %s", captured.get(0))
                    .isEqualTo(1);
        });
        // Charged ⇒ ticket, ticket ⇒ charged.
        Set<String> confirmed = orders.values().stream()
                .filter(order -> Order.CONFIRMED.equals(order.status()))
                .map(Order::orderId)
                .collect(Collectors.toSet());
        assertThat(capturedByOrder.keySet()).as("orders charged").isEqualTo(confirmed);
        assertThat(confirmed)
                .as("every buyer was told 200, so every order is confirmed")
                .hasSize(BUYERS);
        // Every other authorization the edge learned of is voided.
        Set<String> recorded = recordedAuthorizations();
        Map<String, FakePaymentProvider.State> notCaptured = ledger.entrySet().stream()
                .filter(entry -> entry.getValue() != FakePaymentProvider.State.CAPTURED)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(notCaptured.entrySet())
                .as("authorizations the edge recorded and did not capture")
                .filteredOn(entry -> recorded.contains(entry.getKey()))
                .allSatisfy(entry -> assertThat(entry.getValue())
                        .as("%s of %s", entry.getKey(), provider.paymentOf(entry.getKey()))
                        .isEqualTo(FakePaymentProvider.State.VOIDED));
        // Made by the provider, its answer lost on every attempt: asked for again with the same key, recorded, voided.
        Set<String> lost = notCaptured.keySet().stream()
                .filter(id -> !recorded.contains(id))
                .collect(Collectors.toSet());
        assertThat(lost)
                .as("authorizations the edge never put on payment-events")
                .isEmpty();
        // No seat sold twice: one seat a buyer, every one SOLD.
        assertThat(orders.values())
                .flatExtracting(Order::items)
                .extracting(Order.Item::seatId)
                .doesNotHaveDuplicates()
                .hasSize(BUYERS);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(
                                EdgeCalls.read(() -> client.seats(event, "A", TestTokens.buyer("auditor")))
                                        .orThrow("seats")
                                        .seats())
                        .extracting(SeatMap.SeatState::status)
                        .hasSize(BUYERS)
                        .containsOnly(SeatMap.SOLD));

        long voided = ledger.values().stream()
                .filter(state -> state == FakePaymentProvider.State.VOIDED)
                .count();
        System.out.printf(
                "gateway half failing: %d buyers, payments tried %d (%d HTTP calls), confirmed %d, captured %d, "
                        + "voided %d, 503s %d, 409s %d, 402s %d; provider failed %d calls (%d unavailable, %d answered "
                        + "too late); reconciliation captured %.0f, voided %.0f; authorizations never answered to the edge "
                        + "%d, asked for again %.0f; longest answer %d ms%n",
                BUYERS,
                attempts.get(),
                answers.size(),
                confirmed.size(),
                capturedByOrder.values().stream().mapToInt(List::size).sum(),
                voided,
                count(answers, 503),
                count(answers, 409),
                count(answers, 402),
                provider.unavailableAnswers() + provider.lateAnswers(),
                provider.unavailableAnswers(),
                provider.lateAnswers(),
                reconciled("CAPTURED"),
                reconciled("VOIDED"),
                lost.size(),
                unanswered(),
                answers.stream().mapToLong(Answered::millis).max().orElse(0));
    }

    /**
     * A buyer pays the way the README's client does: with a key, sent again with the same key after a 503 until
     * decided. One who clicks twice first sends two payments at once without a key; one with a declined card first
     * pays with it (402) before paying with another.
     */
    private CompletableFuture<OrderOutcome> pay(
            Buyer buyer, ConcurrentLinkedQueue<Answered> answers, AtomicInteger attempts) {
        CompletableFuture<?> first = CompletableFuture.completedFuture(null);
        if (buyer.doubleClicks()) {
            attempts.addAndGet(2);
            first = CompletableFuture.allOf(
                    timed(buyer, answers, () -> client.pay(buyer.order().orderId(), GOOD_CARD, null, buyer.token()))
                            .get(),
                    timed(buyer, answers, () -> client.pay(buyer.order().orderId(), GOOD_CARD, null, buyer.token()))
                            .get());
        } else if (buyer.declinedFirst()) {
            first = untilDecided(buyer, "decline-card", answers, attempts);
        }
        return first.exceptionally(ignored -> null)
                .thenCompose(ignored -> untilDecided(buyer, GOOD_CARD, answers, attempts));
    }

    private CompletableFuture<OrderOutcome> untilDecided(
            Buyer buyer, String card, ConcurrentLinkedQueue<Answered> answers, AtomicInteger attempts) {
        attempts.incrementAndGet();
        String key = UUID.randomUUID().toString();
        return EdgeCalls.decidedAsync(
                timed(buyer, answers, () -> client.pay(buyer.order().orderId(), card, key, buyer.token())),
                new AtomicInteger());
    }

    /** The call, each answer (or its absence) recorded with how long it took. */
    private static Supplier<CompletableFuture<OrderOutcome>> timed(
            Buyer buyer, ConcurrentLinkedQueue<Answered> answers, Supplier<CompletableFuture<OrderOutcome>> call) {
        return () -> {
            long start = System.nanoTime();
            return call.get().whenComplete((outcome, error) -> {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                answers.add(
                        error != null
                                ? new Answered(buyer.name(), 0, Duration.ZERO, millis, error.toString())
                                : new Answered(buyer.name(), outcome.status(), retryAfter(outcome), millis, null));
            });
        };
    }

    private static Duration retryAfter(OrderOutcome outcome) {
        return outcome instanceof OrderOutcome.Failed failed
                ? failed.retryAfter()
                : outcome instanceof OrderOutcome.Pending pending ? pending.retryAfter() : Duration.ZERO;
    }

    private String configure() {
        String event = "half-" + UUID.randomUUID().toString().substring(0, 8);
        Answer<ConfigureAck> configured = client.configureEvent(
                        event,
                        DemoEvents.typedOnSaleWithSeats(BUYERS, DemoEvents.passThroughQueue()),
                        TestTokens.organizer("org-1"))
                .join();
        assertThat(configured.status()).as("%s", configured.problem()).isEqualTo(200);
        return event;
    }

    /** Every buyer holds one seat, all at once (the provider is not involved yet). */
    private List<Buyer> hold(String event) {
        List<CompletableFuture<Buyer>> holding = IntStream.rangeClosed(1, BUYERS)
                .mapToObj(i -> {
                    String name = "half-" + i;
                    String key = UUID.randomUUID().toString();
                    return EdgeCalls.decidedAsync(
                                    () -> client.placeOrder(
                                            event,
                                            OrderRequest.seats(List.of("A-1-" + i)),
                                            key,
                                            TestTokens.buyer(name)),
                                    new AtomicInteger())
                            .thenApply(outcome -> {
                                assertThat(outcome).as("%s", outcome).isInstanceOf(OrderOutcome.Decided.class);
                                return new Buyer(
                                        name, ((OrderOutcome.Decided) outcome).order(), i % 4 == 0, i % 10 == 3);
                            });
                })
                .toList();
        return holding.stream().map(CompletableFuture::join).toList();
    }

    /** The authorizations the edge recorded on payment-events (AUTHORIZED with the provider's id). */
    private Set<String> recordedAuthorizations() {
        return PaymentEventsLog.read(topics).stream()
                .filter(payment -> payment.getStatus() == PaymentStatus.AUTHORIZED)
                .map(PaymentEvent::getAuthorizationId)
                .collect(Collectors.toSet());
    }

    /** The order of a payment id {@code pay:<orderId>:<key>} (a key never holds ':'). */
    private static String orderOf(String paymentId) {
        return paymentId.substring("pay:".length(), paymentId.lastIndexOf(':'));
    }

    private static long count(ConcurrentLinkedQueue<Answered> answers, int status) {
        return answers.stream().filter(answer -> answer.status() == status).count();
    }

    private double unanswered() {
        return edge.bean(MeterRegistry.class).find("onsale.payments.unanswered").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double reconciled(String action) {
        Counter counter = edge.bean(MeterRegistry.class)
                .find("onsale.payments.reconciled")
                .tag("action", action)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
