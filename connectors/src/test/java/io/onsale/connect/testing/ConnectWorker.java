package io.onsale.connect.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A real Kafka Connect worker in distributed mode, in this JVM: Apache Kafka's own {@code ConnectDistributed}, its
 * config, offset and status topics on the broker, plugins loaded from the {@code plugin.path} that {@code package}
 * assembled (the JDBC sink and the converter, each in its isolated class loader), REST on an ephemeral port.
 * Stopping and starting again with the same {@code name} is a worker restart: same group, same internal topics.
 */
public final class ConnectWorker implements AutoCloseable {

    /** Where {@code mvn package} unpacks the plugins; failsafe runs in the module's folder. */
    public static final Path PLUGIN_PATH = Path.of("target", "plugins");

    private final Map<String, String> config;
    private Connect<?> connect;

    private ConnectWorker(Map<String, String> config) {
        this.config = config;
    }

    /** @param name a unique prefix (a test's topic prefix) for the group and internal topics */
    public static ConnectWorker start(String bootstrapServers, String name) {
        if (!Files.isDirectory(PLUGIN_PATH.resolve("onsale-converter"))) {
            throw new IllegalStateException(PLUGIN_PATH.toAbsolutePath()
                    + " has no plugins: run 'mvn package' (failsafe " + "runs after it in 'mvn verify')");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", name + "warehouse");
        config.put("config.storage.topic", name + "connect-configs");
        config.put("offset.storage.topic", name + "connect-offsets");
        config.put("status.storage.topic", name + "connect-status");
        config.put("config.storage.replication.factor", "1");
        config.put("offset.storage.replication.factor", "1");
        config.put("status.storage.replication.factor", "1");
        config.put("offset.storage.partitions", "1");
        config.put("status.storage.partitions", "1");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("listeners", "http://127.0.0.1:0");
        config.put("plugin.path", PLUGIN_PATH.toAbsolutePath().toString());
        config.put("plugin.discovery", "service_load");
        config.put("connector.client.config.override.policy", "All");
        config.put("offset.flush.interval.ms", "1000");
        // A restarted worker gets its tasks back at once instead of after the default 5-minute grace period.
        config.put("scheduled.rebalance.max.delay.ms", "0");
        ConnectWorker worker = new ConnectWorker(Map.copyOf(config));
        worker.startAgain();
        return worker;
    }

    public void startAgain() {
        if (connect != null) {
            throw new IllegalStateException("the worker is running");
        }
        connect = new ConnectDistributed().startConnect(config);
    }

    public URI restUrl() {
        return connect.rest().advertisedUrl();
    }

    public void stop() {
        if (connect != null) {
            connect.stop();
            connect.awaitStop();
            connect = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
