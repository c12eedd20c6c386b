package io.onsale.organizer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.Topics;
import io.onsale.organizer.Cli;
import io.onsale.organizer.Exit;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CLI against a real broker and the real engine: what {@code apply} produces is read back from {@code event-config}
 * as the engine reads it, and {@code watch} reports the engine's own verdicts, READY and REJECTED.
 */
class OrganizerApplyIT {

    private static final Path VALID = Path.of("src/test/resources/configs/valid-event.yaml");

    private static String prefix;
    private static Topics topics;
    private static StreamsLauncher.Running engine;

    @BeforeAll
    static void startTheEngine() throws Exception {
        prefix = RealKafka.uniquePrefix("organizer-apply");
        StreamsAppConfig config = new StreamsAppConfig(
                RealKafka.bootstrapServers(),
                prefix,
                2,
                1,
                (short) 1,
                prefix + "reservations",
                Files.createTempDirectory("organizer-engine"),
                1,
                0);
        topics = config.topics();
        engine = StreamsLauncher.start(config, ReservationsTopology::build);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.streams().state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    static void stopTheEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void applyProducesTheConfigKeyedByItsEventIdAndTheEngineMakesItReady() throws Exception {
        Cli.Run run = Cli.run(
                "apply",
                VALID.toString(),
                "--watch",
                "--bootstrap",
                RealKafka.bootstrapServers(),
                "--topic-prefix",
                prefix,
                "--timeout",
                "60");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(run.out())
                .contains("produced event 'spring-gala' to " + prefix + "event-config-")
                .endsWith("READY: event 'spring-gala', 2 sections, 3 seats and 1 zone (200 places), sale opens"
                        + " 2026-05-01T10:00:00Z\n");

        List<ConsumerRecord<String, EventConfig>> written =
                readAll(topics.eventConfig().name());
        EventConfig expected = EventConfigFile.check(VALID, null).config();
        assertThat(written)
                .filteredOn(record -> record.key().equals("spring-gala"))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).isEqualTo(expected));
    }

    @Test
    void watchReportsTheEnginesReasonsForAConfigProducedWithoutTheCli() throws Exception {
        EventConfig valid = EventConfigFile.check(VALID, null).config();
        // An organizer's own producer skipped validation: the engine dead-letters it, the CLI says why.
        EventConfig invalid = EventConfig.newBuilder(valid)
                .setEventId("raw-gala")
                .setHoldWindowMinutes(45)
                .setCurrency("eur")
                .build();
        try (KafkaProducer<String, EventConfig> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                topics.eventConfig().keySerde().serializer(),
                topics.eventConfig().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.eventConfig().name(), "raw-gala", invalid))
                    .get();
        }

        Cli.Run run = Cli.run(
                "watch",
                "raw-gala",
                "--bootstrap",
                RealKafka.bootstrapServers(),
                "--topic-prefix",
                prefix,
                "--timeout",
                "60");

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.out()).startsWith("watching event 'raw-gala': config at " + prefix + "event-config-");
        assertThat(run.err())
                .isEqualTo("REJECTED by the engine (nothing of it is on sale):\n"
                        + "  currency: must be an ISO 4217 code such as EUR, got 'eur'\n"
                        + "  holdWindowMinutes: must be between 1 and 30, got 45\n");
    }

    @Test
    void theEventBelongsToTheOrganizerOfTheTokenAndAnotherOrganizersConfigIsRefusedByTheEngine() throws Exception {
        Path file = Files.createTempFile("owned-gala", ".yaml");
        Files.writeString(file, Files.readString(VALID).replace("spring-gala", "owned-gala"));
        // The token the live commands send; apply only reads its subject (the edge checks the signature).
        Map<String, String> org7 = Map.of("ONSALE_TOKEN", unsignedToken("org-7"));

        Cli.Run applied = Cli.run(
                org7,
                "apply",
                file.toString(),
                "--watch",
                "--bootstrap",
                RealKafka.bootstrapServers(),
                "--topic-prefix",
                prefix,
                "--timeout",
                "60");
        assertThat(applied.exitCode()).as(applied.err()).isEqualTo(Exit.OK);
        assertThat(readAll(topics.eventConfig().name()))
                .filteredOn(record -> record.key().equals("owned-gala"))
                .singleElement()
                .satisfies(record -> assertThat(record.value().getOwner()).isEqualTo("org-7"));

        Cli.Run takeover = Cli.run(
                Map.of(),
                "apply",
                file.toString(),
                "--owner",
                "org-8",
                "--watch",
                "--bootstrap",
                RealKafka.bootstrapServers(),
                "--topic-prefix",
                prefix,
                "--timeout",
                "60");
        assertThat(takeover.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(takeover.err()).contains("owner: event 'owned-gala' belongs to organizer 'org-7'");
    }

    private static String unsignedToken(String subject) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"" + subject + "\",\"roles\":[\"ORGANIZER\"]}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    @Test
    void watchingAnEventWithoutAnyConfigSaysSo() {
        Cli.Run run = Cli.run(
                "watch",
                "never-configured",
                "--bootstrap",
                RealKafka.bootstrapServers(),
                "--topic-prefix",
                prefix,
                "--timeout",
                "10");

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err())
                .isEqualTo("event 'never-configured' has no config in " + prefix + "event-config: apply one"
                        + " first (organizer apply FILE)\n");
    }

    private static List<ConsumerRecord<String, EventConfig>> readAll(String topic) {
        try (KafkaConsumer<String, EventConfig> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()),
                topics.eventConfig().keySerde().deserializer(),
                topics.eventConfig().valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, EventConfig>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return records;
        }
    }
}
