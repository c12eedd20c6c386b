package io.onsale.kafka.testing;

import java.nio.file.Files;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker (broker and controller in one node) from Kafka's own test kit,
 * started once per test JVM and shared by every integration test. Tests isolate themselves by topic
 * prefix and application id ({@link #uniquePrefix(String)}), never by restarting the broker.
 */
public final class RealKafka {

    private static KafkaClusterTestKit cluster;

    private RealKafka() {}

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(RealKafka::stop, "real-kafka-stop"));
        }
        return cluster.bootstrapServers();
    }

    /** A lower-case, kebab-case prefix unique to this run, ending in '.', for topics and application ids. */
    public static String uniquePrefix(String testName) {
        String name = testName.replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-");
        return "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .setBaseDirectory(Files.createTempDirectory("onsale-kafka-it-"))
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("group.min.session.timeout.ms", "1000")
                    .setConfigProp("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setDeleteOnClose(true)
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the JVM is exiting; the test kit deletes its own folders
            }
            cluster = null;
        }
    }
}
