package io.onsale.edge.payment;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The payment provider spoken to over HTTP ({@code onsale.payments.gateway=http}); the contract is in the README.
 * Defaults live in application.yaml.
 *
 * @param baseUrl      where the provider's {@code /authorizations} live
 * @param callTimeout  one HTTP exchange longer than this counts as failed and is retried
 * @param maxRetries   retries after the first attempt, on 5xx, timeouts and connection failures only (never on a 4xx)
 * @param retryBackoff the first retry's delay, doubled for each next one (with jitter)
 */
@ConfigurationProperties("onsale.payments.http")
public record HttpGatewaySettings(URI baseUrl, Duration callTimeout, int maxRetries, Duration retryBackoff) {

    public HttpGatewaySettings {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("onsale.payments.http.max-retries must be at least 0");
        }
    }

    /** The longest a call can take with every retry: it must fit in {@code onsale.payments.timeout}. */
    Duration worstCase() {
        Duration total = callTimeout.multipliedBy(maxRetries + 1L);
        Duration delay = retryBackoff;
        for (int retry = 0; retry < maxRetries; retry++) {
            // Reactor's backoff adds up to half the delay as jitter.
            total = total.plus(delay.multipliedBy(3).dividedBy(2));
            delay = delay.multipliedBy(2);
        }
        return total;
    }
}
