package io.onsale.edge.ops;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The edge's own alerts ({@code onsale.alerts.*}; defaults in application.yaml, thresholds as in
 * ops/prometheus/alerts.yml).
 *
 * @param enabled            evaluate and publish alerts (the dashboard's charts are drawn either way)
 * @param evaluateInterval   how often the rules are evaluated over the last minutes of meters
 * @param clearFor           how long a firing alert's condition must stay clear before it resolves (no flapping)
 * @param instance           this instance's name in alerts; empty: its {@code application-server}, else host and pid
 * @param webhookUrl         where each transition is POSTed as JSON; empty: nowhere
 * @param webhookTimeout     one webhook call, connection included
 * @param webhookAttempts    calls per transition at most (then it is logged and counted as failed, never retried again)
 */
@ConfigurationProperties("onsale.alerts")
record AlertSettings(
        boolean enabled,
        Duration evaluateInterval,
        Duration clearFor,
        String instance,
        String webhookUrl,
        Duration webhookTimeout,
        int webhookAttempts,
        Duration paymentLatencyP99,
        double paymentErrorRatio,
        Duration paymentFor,
        double serverErrorRatio,
        Duration serverErrorsFor,
        Duration queueNotDrainingFor,
        long lagRecords,
        Duration lagFor,
        Duration notRunningFor,
        double holdExpiryRatio,
        double holdExpiryRate,
        Duration holdExpiryFor) {

    AlertSettings {
        if (evaluateInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "onsale.alerts.evaluate-interval must be at least 1 s (the meters are sampled every second)");
        }
        if (webhookAttempts < 1) {
            throw new IllegalArgumentException("onsale.alerts.webhook-attempts must be at least 1");
        }
        webhookUrl = webhookUrl == null ? "" : webhookUrl.trim();
        instance = instance == null ? "" : instance.trim();
        if (!webhookUrl.isEmpty()) {
            URI url = URI.create(webhookUrl);
            if (!List.of("http", "https").contains(String.valueOf(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("onsale.alerts.webhook-url must be an http(s) URL: " + url);
            }
        }
    }

    /** The webhook's address, when one is configured. */
    Optional<URI> webhook() {
        return webhookUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(webhookUrl));
    }

    AlertRules.Thresholds thresholds(List<String> apps) {
        return new AlertRules.Thresholds(
                paymentLatencyP99,
                paymentErrorRatio,
                paymentFor,
                serverErrorRatio,
                serverErrorsFor,
                queueNotDrainingFor,
                lagRecords,
                lagFor,
                notRunningFor,
                holdExpiryRatio,
                holdExpiryRate,
                holdExpiryFor,
                apps);
    }
}
