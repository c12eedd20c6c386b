package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.buyer.OrderGateway;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.buyer.OrderView;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.kafka.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The hold is guarded while a payment is in flight (ADR 0008): a payment starts only with the time it needs left on
 * the hold, and one that waited in the gateway's line past the confirm deadline stops before the engine is asked.
 */
class HoldGuardTest {

    // One call may take 1 s and the engine needs 1 s before the hold ends: a payment needs 2 s of hold left.
    private static final PaymentSettings SETTINGS =
            new PaymentSettings(Duration.ofSeconds(1), 1, 10, Duration.ZERO, 0, Duration.ofSeconds(1));

    private final Map<String, Sinks.One<PaymentGateway.Authorization>> authorizations = new ConcurrentHashMap<>();
    private final OrderGateway orders = mock(OrderGateway.class);
    private final CommandPublisher publisher = mock(CommandPublisher.class);
    private PaymentFlow flow;

    /** A gateway that answers an authorization only when the test says so. */
    private final PaymentGateway gateway = new PaymentGateway() {
        @Override
        public Mono<Authorization> authorize(
                String paymentId, String buyerId, long amountMinor, String currency, String paymentMethod) {
            return authorizations.computeIfAbsent(paymentId, id -> Sinks.one()).asMono();
        }

        @Override
        public Mono<Void> capture(String paymentId, String authorizationId) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> voidAuthorization(String paymentId, String authorizationId) {
            return Mono.empty();
        }
    };

    @BeforeEach
    void flow() {
        when(publisher.publish(any(), any(), any())).thenReturn(Mono.empty());
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("meters", new SimpleMeterRegistry()));
        flow = new PaymentFlow(
                gateway,
                orders,
                publisher,
                Topics.from(Topics.Settings.defaults()),
                SETTINGS,
                beans.getBeanProvider(MeterRegistry.class),
                java.time.Clock.systemUTC());
    }

    @Test
    void aHoldWithLessThanAPaymentNeedsLeftIsRefusedBeforeAnyMoneyIsTouched() {
        OrderView order = held("E1:o-1", Instant.now().plusMillis(1_500));

        Throwable refusal = pay(order, "k-1")
                .map(ignored -> (Throwable) null)
                .onErrorResume(Mono::just)
                .block();

        assertThat(refusal).isInstanceOf(ApiProblem.class);
        assertThat(((ApiProblem) refusal).toProblemDetail().getProperties()).containsEntry("reason", "HOLD_ENDING");
        assertThat(authorizations).isEmpty();
        verify(publisher, never()).publish(any(), any(), any());
    }

    @Test
    void aPaymentThatWaitedInLinePastTheConfirmDeadlineStopsBeforeTheEngineIsAsked() {
        // The only slot is taken by a payment whose gateway call does not answer, and another waits ahead in line:
        // each holds the slot for up to the 1 s call timeout, longer than the last one's hold allows.
        pay(held("E1:o-1", Instant.now().plusSeconds(60)), "k-1").subscribe(ignored -> {}, ignored -> {});
        pay(held("E1:o-3", Instant.now().plusSeconds(60)), "k-3").subscribe(ignored -> {}, ignored -> {});
        OrderView second = held("E1:o-2", Instant.now().plusMillis(2_300));

        Throwable refusal = pay(second, "k-2")
                .map(ignored -> (Throwable) null)
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(5));

        assertThat(refusal).isInstanceOf(ApiProblem.class);
        assertThat(((ApiProblem) refusal).toProblemDetail().getProperties()).containsEntry("reason", "HOLD_ENDING");
        assertThat(authorizations).doesNotContainKey("pay:E1:o-2:k-2"); // it never reached the gateway
        verify(orders, never()).confirm(any(), any(), any(), any(), any());
    }

    private Mono<?> pay(OrderView order, String key) {
        OrderRef ref = new OrderRef("E1", order.orderId());
        return flow.pay(ref, "alice", order, null, "card-ok", key);
    }

    private static OrderView held(String orderId, Instant expiresAt) {
        return new OrderView(
                orderId,
                "HELD",
                "E1",
                "alice",
                List.of(),
                expiresAt,
                new OrderView.Money(9_900, "EUR"),
                null,
                null,
                null);
    }
}
