package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.payment.ReconciliationDecider.Action;
import io.onsale.edge.payment.ReconciliationDecider.OrderSnapshot;
import io.onsale.edge.payment.ReconciliationDecider.Resolution;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconciliationDeciderTest {

    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Instant AUTHORIZED_AT = Instant.parse("2026-06-01T18:00:00Z");
    private static final Instant WITHIN_GRACE = AUTHORIZED_AT.plusSeconds(119);
    private static final Instant AFTER_GRACE = AUTHORIZED_AT.plus(GRACE);
    private static final String PAYMENT = "pay:E1:0b9f7c2e-0000-0000-0000-000000000001:key-1";

    private final ReconciliationDecider decider = new ReconciliationDecider(GRACE);

    private static OpenAuthorization authorization() {
        return new OpenAuthorization(
                PAYMENT, "E1:0b9f7c2e-0000-0000-0000-000000000001", "alice", "auth-1", 9900, "EUR", AUTHORIZED_AT);
    }

    private static OrderSnapshot order(String status) {
        return new OrderSnapshot(status, PAYMENT);
    }

    private Resolution decide(OrderSnapshot order, Instant now) {
        return decider.decide(authorization(), order, now);
    }

    @Test
    void aConfirmedOrderIsCapturedOnceTheGraceIsOver() {
        assertThat(decide(order("CONFIRMED"), AFTER_GRACE)).isEqualTo(new Resolution(Action.CAPTURE, "CONFIRMED"));
    }

    @Test
    void nothingIsTouchedWithinTheGraceWhateverTheOrderSays() {
        assertThat(decide(order("CONFIRMED"), WITHIN_GRACE).action()).isEqualTo(Action.WAIT);
        assertThat(decide(order("EXPIRED"), WITHIN_GRACE).action()).isEqualTo(Action.WAIT);
        assertThat(decide(null, WITHIN_GRACE).action()).isEqualTo(Action.WAIT);
    }

    @Test
    void anOrderThatEndedWithoutTicketsIsVoidedWithItsStatusAsReason() {
        for (String ended : new String[] {"EXPIRED", "CANCELLED", "REJECTED"}) {
            assertThat(decide(order(ended), AFTER_GRACE)).isEqualTo(new Resolution(Action.VOID, ended));
        }
    }

    @Test
    void anOrderStillBeingDecidedIsWaitedFor() {
        for (String undecided : new String[] {"HELD", "CONFIRMING", "PLACING", "UNKNOWN"}) {
            assertThat(decide(order(undecided), AFTER_GRACE.plus(Duration.ofDays(1))))
                    .isEqualTo(new Resolution(Action.WAIT, undecided));
        }
    }

    @Test
    void anOrderConfirmedWithAnotherPaymentVoidsThisOne() {
        assertThat(decide(new OrderSnapshot("CONFIRMED", "pay:E1:other:key-2"), AFTER_GRACE))
                .isEqualTo(new Resolution(Action.VOID, "PAID_BY_ANOTHER_PAYMENT"));
    }

    @Test
    void anOrderTheEngineDoesNotHaveIsVoided() {
        assertThat(decide(null, AFTER_GRACE)).isEqualTo(new Resolution(Action.VOID, "UNKNOWN_ORDER"));
    }
}
