package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.buyer.OrderGateway;
import io.onsale.edge.buyer.OrderIds.OrderRef;
import io.onsale.edge.buyer.OrderView;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Mono;

/**
 * An authorization sent and never answered, that no later call will ask for (an unkeyed payment), is asked for
 * again in the background and voided; a keyed one is left to the buyer's retry with the same key.
 */
class UnansweredAuthorizationTest {

    private static final PaymentSettings SETTINGS =
            new PaymentSettings(Duration.ofSeconds(1), 4, 10, Duration.ZERO, 0, Duration.ofSeconds(1));

    private final List<String> authorizeCalls = new CopyOnWriteArrayList<>();
    private final List<String> voided = new CopyOnWriteArrayList<>();
    private final List<PaymentEvent> recorded = new CopyOnWriteArrayList<>();
    private final AtomicInteger unanswered = new AtomicInteger(1);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private PaymentFlow flow;

    /** A provider that authorizes every call, whose first answers are lost on the way. */
    private final PaymentGateway gateway = new PaymentGateway() {
        @Override
        public Mono<Authorization> authorize(
                String paymentId, String buyerId, long amountMinor, String currency, String paymentMethod) {
            return Mono.defer(() -> {
                authorizeCalls.add(paymentId);
                return unanswered.getAndDecrement() > 0
                        ? Mono.error(new GatewayUnavailableException(
                                "authorize " + paymentId + " failed after 3 attempts", null))
                        : Mono.just(Authorization.approved("auth-of-" + paymentId));
            });
        }

        @Override
        public Mono<Void> capture(String paymentId, String authorizationId) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> voidAuthorization(String paymentId, String authorizationId) {
            return Mono.fromRunnable(() -> voided.add(authorizationId));
        }
    };

    @BeforeEach
    void flow() {
        CommandPublisher publisher = mock(CommandPublisher.class);
        when(publisher.publish(any(), any(), any())).thenAnswer(call -> {
            recorded.add(call.getArgument(2));
            return Mono.empty();
        });
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("meters", meters));
        flow = new PaymentFlow(
                gateway,
                mock(OrderGateway.class),
                publisher,
                Topics.from(Topics.Settings.defaults()),
                SETTINGS,
                beans.getBeanProvider(MeterRegistry.class),
                Clock.systemUTC());
    }

    @Test
    void anUnkeyedPaymentWhoseAnswerWasLostIsAskedForAgainAndVoided() {
        Throwable answer = pay(null);

        assertThat(answer).isInstanceOf(StoreUnavailableException.class);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(voided).hasSize(1));
        String paymentId = authorizeCalls.get(0);
        assertThat(authorizeCalls).containsExactly(paymentId, paymentId);
        assertThat(voided).containsExactly("auth-of-" + paymentId);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(recorded)
                        .extracting(PaymentEvent::getStatus, PaymentEvent::getAuthorizationId, PaymentEvent::getReason)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(
                                        PaymentStatus.AUTHORIZED, "auth-of-" + paymentId, null),
                                org.assertj.core.groups.Tuple.tuple(
                                        PaymentStatus.VOIDED, "auth-of-" + paymentId, "ANSWER_LOST")));
        assertThat(meters.counter("onsale.payments.unanswered", "outcome", "voided")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aKeyedPaymentWhoseAnswerWasLostIsLeftToTheBuyersRetryWithTheSameKey() {
        Throwable answer = pay("k-1");

        assertThat(answer).isInstanceOf(StoreUnavailableException.class);
        // Held for longer than the first ask-again would wait (1 s, jittered).
        await().during(Duration.ofMillis(1_600)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(authorizeCalls).containsExactly("pay:o-1:k-1");
            assertThat(voided).isEmpty();
            assertThat(recorded).isEmpty();
        });
    }

    private Throwable pay(String key) {
        OrderView order = new OrderView(
                "o-1",
                "HELD",
                "E1",
                "alice",
                List.of(),
                Instant.now().plusSeconds(60),
                new OrderView.Money(9_900, "EUR"),
                null,
                null,
                null);
        return flow.pay(new OrderRef("E1", "o-1"), "alice", order, null, "card-ok", key)
                .map(ignored -> (Throwable) null)
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(5));
    }
}
