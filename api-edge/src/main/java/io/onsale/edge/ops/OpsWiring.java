package io.onsale.edge.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.Engine;
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

    @Bean
    OpsMonitor opsMonitor(AlertSettings settings, CheckoutHealthSettings health, MeterRegistry meters, Admin admin,
                          KafkaSettings kafka,
                          @Value("${onsale.queue.application-id}") String waitingRoomApplicationId,
                          Engine reservations, CommandPublisher publisher, Topics topics,
                          JsonMapper json) {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(RESERVATIONS, kafka.applicationId());
        groups.put(WAITING_ROOM, waitingRoomApplicationId);
        String instance = instanceName(settings, reservations);
        Optional<AlertPublishing> publishing = settings.enabled()
                ? Optional.of(new AlertPublishing(publisher, topics, instance, settings.webhook().map(url ->
                        new AlertWebhook(url, settings.webhookTimeout(), settings.webhookAttempts(), json, meters)), meters))
                : Optional.empty();
        Optional<CheckoutHealthWatch> checkout = health.enabled()
                ? Optional.of(new CheckoutHealthWatch(new CheckoutHealthDecider(health.limits()), health.window(), publisher,
                        topics, instance))
                : Optional.empty();
        return new OpsMonitor(new MeterReadings(meters), new StreamsGroups(admin, groups),
                new AlertRules(settings.thresholds(List.copyOf(groups.keySet()))), new AlertDecider(settings.clearFor()),
                publishing, checkout, settings.evaluateInterval(), instance, Clock.systemUTC());
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
