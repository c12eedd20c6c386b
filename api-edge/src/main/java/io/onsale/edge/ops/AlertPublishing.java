package io.onsale.edge.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.kafka.topics.AlertKeys;
import io.onsale.kafka.topics.Topics;
import io.onsale.schema.ops.AlertEvent;
import io.onsale.schema.ops.AlertSeverity;
import io.onsale.schema.ops.AlertStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a decided transition goes: the {@code alerts} topic (keyed {@code alertName|instance}), the log, and the webhook
 * when one is configured. Neither waits for the other and neither holds up the next evaluation; a record the broker
 * does not take is logged and counted ({@code onsale.alerts.published{outcome}}), not retried: the next transition
 * of that alert says where it stands.
 */
final class AlertPublishing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertPublishing.class);

    private final CommandPublisher publisher;
    private final Topics topics;
    private final String instance;
    private final Optional<AlertWebhook> webhook;
    private final MeterRegistry meters;

    AlertPublishing(
            CommandPublisher publisher,
            Topics topics,
            String instance,
            Optional<AlertWebhook> webhook,
            MeterRegistry meters) {
        this.publisher = publisher;
        this.topics = topics;
        this.instance = instance;
        this.webhook = webhook;
        this.meters = meters;
    }

    void publish(AlertTransition transition) {
        String name = transition.rule().name();
        log.warn("alert {} {} {}: {}", name, transition.status(), transition.labels(), transition.summary());
        AlertEvent event = AlertEvent.newBuilder()
                .setAlertName(name)
                .setInstance(instance)
                .setLabels(new java.util.HashMap<>(transition.labels()))
                .setStatus(AlertStatus.valueOf(transition.status().name()))
                .setSeverity(AlertSeverity.valueOf(transition.rule().severity().name()))
                .setSummary(transition.summary())
                .setValue(transition.value())
                .setThreshold(transition.threshold())
                .setStartsAt(transition.startsAt())
                .setOccurredAt(transition.occurredAt())
                .build();
        publisher
                .publish(topics.alerts(), AlertKeys.of(name, instance), event)
                .subscribe(
                        metadata -> meters.counter("onsale.alerts.published", "outcome", "ok")
                                .increment(),
                        error -> {
                            meters.counter("onsale.alerts.published", "outcome", "failed")
                                    .increment();
                            log.warn(
                                    "alert {} {} not published to {}: {}",
                                    name,
                                    transition.status(),
                                    topics.alerts().name(),
                                    error.toString());
                        });
        webhook.ifPresent(hook -> hook.post(new AlertWebhook.Body(
                name,
                transition.status().name(),
                transition.rule().severity().name(),
                instance,
                transition.labels(),
                transition.summary(),
                transition.value(),
                transition.threshold(),
                transition.startsAt().toString(),
                transition.occurredAt().toString())));
    }

    @Override
    public void close() {
        webhook.ifPresent(AlertWebhook::close);
    }
}
