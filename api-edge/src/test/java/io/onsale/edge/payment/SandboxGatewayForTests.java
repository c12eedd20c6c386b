package io.onsale.edge.payment;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** Brings the (package-private) sandbox gateway into a slice test, and reads what it did with a payment. */
@TestConfiguration
@Import(SandboxPaymentGateway.class)
public class SandboxGatewayForTests {

    /** AUTHORIZED, CAPTURED, VOIDED, or {@code null} when the sandbox never authorized this payment. */
    public static String state(PaymentGateway gateway, String paymentId) {
        SandboxPaymentGateway.State state = ((SandboxPaymentGateway) gateway).state(paymentId);
        return state == null ? null : state.name();
    }
}
