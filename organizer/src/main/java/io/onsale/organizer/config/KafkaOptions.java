package io.onsale.organizer.config;

import io.onsale.kafka.topics.Topics;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the platform's Kafka is. Defaults from the same environment variables the edge reads
 * ({@code ONSALE_KAFKA_BOOTSTRAP_SERVERS}, {@code ONSALE_KAFKA_TOPIC_PREFIX}), then the local broker.
 */
final class KafkaOptions {

    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: $ONSALE_KAFKA_BOOTSTRAP_SERVERS, else " + DEFAULT_BOOTSTRAP
                    + ")")
    String bootstrap;

    @Option(
            names = "--topic-prefix",
            paramLabel = "PREFIX",
            description = "the deployment's topic prefix (default: $ONSALE_KAFKA_TOPIC_PREFIX, else none)")
    String topicPrefix;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description =
                    "how long to wait for Kafka (and, when watching, for the engine's decision); default ${DEFAULT-VALUE}")
    long timeoutSeconds;

    String bootstrap(Map<String, String> env) {
        return bootstrap != null ? bootstrap : env.getOrDefault("ONSALE_KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP);
    }

    Topics topics(Map<String, String> env) {
        String prefix = topicPrefix != null ? topicPrefix : env.getOrDefault("ONSALE_KAFKA_TOPIC_PREFIX", "");
        return Topics.from(Topics.Settings.defaults().withPrefix(prefix));
    }

    Duration timeout() {
        // Picocli has parsed a number; below one second nothing on the network can answer.
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }
}
