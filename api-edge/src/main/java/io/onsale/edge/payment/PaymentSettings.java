package io.onsale.edge.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How payments are made. Defaults live in application.yaml.
 *
 * @param timeout         how long one gateway call may take before it counts as failed
 * @param maxConcurrent   gateway calls in flight at once: a burst beyond it waits in line instead of overloading the gateway
 * @param maxQueued       payments waiting for a slot; beyond it a payment is answered 503 with Retry-After
 * @param sandboxLatency  how long the sandbox gateway takes per call
 * @param sandboxDeclineRate share of sandbox authorizations declined at random (0 … 1); a payment method starting
 *                        with {@code decline} is always declined, so tests and demos can ask for one
 */
@ConfigurationProperties("onsale.payments")
public record PaymentSettings(Duration timeout, int maxConcurrent, int maxQueued, Duration sandboxLatency,
                              double sandboxDeclineRate) {

    public PaymentSettings {
        if (maxConcurrent < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("onsale.payments.max-concurrent must be at least 1 and max-queued at least 0");
        }
        if (sandboxDeclineRate < 0 || sandboxDeclineRate > 1) {
            throw new IllegalArgumentException("onsale.payments.sandbox-decline-rate must be between 0 and 1");
        }
    }
}
