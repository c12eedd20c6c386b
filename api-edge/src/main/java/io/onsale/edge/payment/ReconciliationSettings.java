package io.onsale.edge.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How authorizations nobody settled are found and settled. Defaults live in application.yaml.
 *
 * @param enabled  off only for tests that watch an authorization stay open
 * @param interval how often this instance looks (and once at start, as soon as it has read {@code payment-events})
 * @param grace    how old an authorization must be before reconciliation touches it: the payment request settles its
 *                 own within seconds, its late follower within the hold's deadline plus a minute
 * @param lookback how far back {@code payment-events} is read at start: older open authorizations are the provider's
 *                 to expire
 */
@ConfigurationProperties("onsale.payments.reconciliation")
record ReconciliationSettings(boolean enabled, Duration interval, Duration grace, Duration lookback) {}
