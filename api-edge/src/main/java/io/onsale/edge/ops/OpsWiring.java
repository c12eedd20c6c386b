package io.onsale.edge.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.Engine;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.kafka.topics.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The edge's watch over itself: its dashboard's data and its own alerts. */
@Configuration(proxyBeanMethods = false)
class OpsWiring {

    /** The Streams apps the edge embeds, by the tag StreamsMeters gives them. */
    static final String RESERVATIONS = "reservations";

    static final String WAITING_ROOM = "waiting-room";
    /** {@code onsale_edge_embedded_engine}: what ops/prometheus/alerts.yml's StreamsAppMissing keys on. */
    static final String EMBEDDED_ENGINE_METER = "onsale.edge.embedded.engine";

    private static final String EMBEDDED_ENGINE = "${onsale.edge.embedded-engine:true}";

    @Bean
    OpsMonitor opsMonitor(
            AlertSettings settings,
            CheckoutHealthSettings health,
            MeterRegistry meters,
            Admin admin,
            KafkaSettings kafka,
            @Value("${onsale.queue.application-id}") String waitingRoomApplicationId,
            @Value(EMBEDDED_ENGINE) boolean embeddedEngine,
            Engine reservations,
            CommandPublisher publisher,
            Topics topics,
            JsonMapper json,
            Clock clock) {
        // Both groups in either mode: how many instances each app has is the broker's answer, wherever they run.
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(RESERVATIONS, kafka.applicationId());
        groups.put(WAITING_ROOM, waitingRoomApplicationId);
        List<String> streamsApps = streamsApps(embeddedEngine);
        String instance = instanceName(settings, reservations);
        Optional<AlertPublishing> publishing = settings.enabled()
                ? Optional.of(new AlertPublishing(
                        publisher,
                        topics,
                        instance,
                        settings.webhook()
                                .map(url -> new AlertWebhook(
                                        url, settings.webhookTimeout(), settings.webhookAttempts(), json, meters)),
                        meters))
                : Optional.empty();
        Optional<CheckoutHealthWatch> checkout = health.enabled()
                ? Optional.of(new CheckoutHealthWatch(
                        new CheckoutHealthDecider(health.limits()), health.window(), publisher, topics, instance))
                : Optional.empty();
        return new OpsMonitor(
                new MeterReadings(meters),
                new StreamsGroups(admin, groups),
                streamsApps,
                new AlertRules(settings.thresholds(streamsApps)),
                new AlertDecider(settings.clearFor()),
                publishing,
                checkout,
                settings.evaluateInterval(),
                instance,
                clock);
    }

    /**
     * The Streams clients this process runs, which its own {@code StreamsAppNotRunning} watches: both apps when it
     * embeds the engine, none when they run as their own processes (engine.jar, waiting-room.jar), whose state
     * Prometheus scrapes from them (ops/README.md).
     */
    static List<String> streamsApps(boolean embeddedEngine) {
        return embeddedEngine ? List.of(RESERVATIONS, WAITING_ROOM) : List.of();
    }

    /**
     * {@code onsale_edge_embedded_engine}: 1 while this edge runs the engine and the waiting room itself, 0 when they
     * run as their own processes. Prometheus cannot tell an edge that runs no Streams client on purpose from one whose
     * clients died; this gauge tells it (StreamsAppMissing in ops/prometheus/alerts.yml).
     */
    @Bean
    MeterBinder embeddedEngineMeter(@Value(EMBEDDED_ENGINE) boolean embeddedEngine) {
        return registry -> Gauge.builder(EMBEDDED_ENGINE_METER, () -> embeddedEngine ? 1 : 0)
                .description("1: this edge runs the engine and the waiting room; 0: they run as their own processes")
                .register(registry);
    }

    @Bean
    OpsSchedule opsSchedule(OpsMonitor monitor) {
        return new OpsSchedule(monitor);
    }

    /** The configured name; else the address other instances forward to; else host and process id. */
    private static String instanceName(AlertSettings settings, Engine reservations) {
        if (!settings.instance().isEmpty()) {
            return settings.instance();
        }
        if (reservations.applicationServer() != null) {
            return reservations.applicationServer();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
