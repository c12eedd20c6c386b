package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.payment.Settlement.Action;
import io.onsale.edge.payment.Settlement.Decision;
import io.onsale.edge.payment.Settlement.EngineAnswer;
import org.junit.jupiter.api.Test;

class SettlementTest {

    private static final String MINE = "pay:E1:0b9f7c2e-0000-0000-0000-000000000001:3f1c";
    private static final String OTHER = "pay:E1:0b9f7c2e-0000-0000-0000-000000000001:9a2d";

    @Test
    void anOrderConfirmedWithThisPaymentIsCaptured() {
        assertThat(Settlement.of(new EngineAnswer("CONFIRMED", MINE, null), MINE))
                .isEqualTo(new Decision(Action.CAPTURE, null));
    }

    @Test
    void anOrderConfirmedWithAnotherPaymentOfItIsVoidedSoItIsCapturedOnce() {
        assertThat(Settlement.of(new EngineAnswer("CONFIRMED", OTHER, null), MINE))
                .isEqualTo(new Decision(Action.VOID, "PAID_BY_ANOTHER_PAYMENT"));
    }

    @Test
    void aPaymentWhileAnotherOfTheOrderIsBeingConfirmedIsVoided() {
        assertThat(Settlement.of(new EngineAnswer("REJECTED", OTHER, "PAYMENT_IN_PROGRESS"), MINE))
                .isEqualTo(new Decision(Action.VOID, "PAYMENT_IN_PROGRESS"));
    }

    @Test
    void aConfirmThatLostIsVoidedWithTheEnginesReason() {
        assertThat(Settlement.of(new EngineAnswer("EXPIRED", MINE, "HOLD_EXPIRED"), MINE))
                .isEqualTo(new Decision(Action.VOID, "HOLD_EXPIRED"));
        assertThat(Settlement.of(new EngineAnswer("CANCELLED", null, null), MINE))
                .isEqualTo(new Decision(Action.VOID, "CANCELLED"));
    }

    @Test
    void aConfirmationFromAnEngineThatNamesNoPaymentIsCapturedAsBefore() {
        assertThat(Settlement.of(new EngineAnswer("CONFIRMED", null, null), MINE))
                .isEqualTo(new Decision(Action.CAPTURE, null));
    }
}
