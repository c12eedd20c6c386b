package io.onsale.edge.payment;

import io.onsale.edge.platform.RandomIds;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A gateway that moves no money, for local runs, demos and tests: every call takes the configured latency,
 * authorizations are declined at the configured rate (always for a payment method starting with {@code decline}),
 * and a repeated call with the same payment id gets the first answer, as a real gateway's idempotency keys would.
 */
@Component
@ConditionalOnProperty(name = "onsale.payments.gateway", havingValue = "sandbox", matchIfMissing = true)
class SandboxPaymentGateway implements PaymentGateway {

    /** What the sandbox did with each payment; a real gateway keeps this on its side. */
    enum State {
        AUTHORIZED,
        CAPTURED,
        VOIDED
    }

    /** Changed at run time by an operator's drill ({@link SandboxDrillController}): a slow or failing gateway on demand. */
    private volatile Duration latency;

    private volatile double declineRate;
    private final Map<String, Authorization> authorizations = new ConcurrentHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();

    SandboxPaymentGateway(PaymentSettings settings) {
        this.latency = settings.sandboxLatency() == null ? Duration.ZERO : settings.sandboxLatency();
        this.declineRate = settings.sandboxDeclineRate();
    }

    @Override
    public Mono<Authorization> authorize(
            String paymentId, String buyerId, long amountMinor, String currency, String paymentMethod) {
        return after(() -> authorizations.computeIfAbsent(paymentId, id -> {
            boolean decline = paymentMethod.startsWith("decline")
                    || ThreadLocalRandom.current().nextDouble() < declineRate;
            if (decline) {
                return Authorization.declined("CARD_DECLINED");
            }
            states.put(id, State.AUTHORIZED);
            return Authorization.approved("sandbox-" + RandomIds.uuid());
        }));
    }

    @Override
    public Mono<Void> capture(String paymentId, String authorizationId) {
        return after(() -> move(paymentId, State.CAPTURED)).then();
    }

    @Override
    public Mono<Void> voidAuthorization(String paymentId, String authorizationId) {
        return after(() -> move(paymentId, State.VOIDED)).then();
    }

    /** An operator's drill: from now on every call takes {@code newLatency}, and authorizations decline at the rate. */
    void drill(Duration newLatency, double newDeclineRate) {
        if (newLatency.isNegative() || newDeclineRate < 0 || newDeclineRate > 1) {
            throw new IllegalArgumentException(
                    "a sandbox latency must not be negative and a decline rate must be in [0, 1]");
        }
        this.latency = newLatency;
        this.declineRate = newDeclineRate;
    }

    Duration latency() {
        return latency;
    }

    double declineRate() {
        return declineRate;
    }

    State state(String paymentId) {
        return states.get(paymentId);
    }

    private State move(String paymentId, State to) {
        // An authorization this sandbox never saw was made before a restart (it keeps nothing): it moves no money, so
        // it agrees, and a reconciliation after a restart can settle what the previous run authorized.
        State now = states.compute(paymentId, (id, from) -> from == null || from == State.AUTHORIZED ? to : from);
        if (now != to) {
            throw new IllegalStateException("payment " + paymentId + " cannot become " + to + " from " + now);
        }
        return now;
    }

    private <T> Mono<T> after(java.util.function.Supplier<T> call) {
        Mono<T> answer = Mono.fromSupplier(call);
        Duration now = latency;
        return now.isZero() ? answer : Mono.delay(now).then(answer);
    }
}
