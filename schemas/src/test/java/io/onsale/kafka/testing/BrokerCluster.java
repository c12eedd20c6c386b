package io.onsale.kafka.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * Kafka nodes as their own processes, as {@code ./ticketing cluster} runs them: KRaft, each node a broker and one of the
 * controller voters, a broker fenced 4 s after its last heartbeat, and the Streams apps' short sessions and
 * transactions allowed (ADR 0017). Three nodes (the cluster's shape): replication 3 and {@code min.insync.replicas} 2
 * for every topic, the consumer offsets and the transaction log (12 partitions each). One node: replication 1 and
 * {@code min.insync.replicas} 1 everywhere, the one broker a test stops and starts again on its ports and data, which
 * the in-process {@link RealKafka} cannot do. Each node is {@code kafka.Kafka} in a child JVM on this test JVM's own
 * classpath (Kafka's test kit, {@code kafka-test-common-runtime}, brings {@code kafka_2.13}: a module that uses this
 * class needs it in test scope), on ports the OS hands out, its data in a directory of its own that a restart reuses;
 * its output goes to {@code <logs>/broker-<n>.log}.
 */
public final class BrokerCluster implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(2);

    private final int nodes;
    private final Path root;
    private final Path logs;
    private final int[] brokerPorts;
    private final int[] controllerPorts;
    private final Process[] processes;
    private Admin admin;

    private BrokerCluster(int nodes, Path root, Path logs) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster has at least one node, got " + nodes);
        }
        this.nodes = nodes;
        this.root = root;
        this.logs = logs;
        this.brokerPorts = new int[nodes + 1];
        this.controllerPorts = new int[nodes + 1];
        this.processes = new Process[nodes + 1];
    }

    /**
     * Formats every node's storage with one cluster id, starts {@code nodes} nodes (numbered 1..nodes), and returns once
     * all of them are brokers.
     */
    public static BrokerCluster start(int nodes, Path root, Path logs) throws Exception {
        BrokerCluster cluster = new BrokerCluster(nodes, root, logs);
        try {
            cluster.formatAndStart();
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void formatAndStart() throws Exception {
        Files.createDirectories(logs);
        List<ServerSocket> reserved = new ArrayList<>();
        try {
            for (int node = 1; node <= nodes; node++) {
                brokerPorts[node] = reserve(reserved);
                controllerPorts[node] = reserve(reserved);
            }
        } finally {
            for (ServerSocket socket : reserved) {
                socket.close();
            }
        }
        String clusterId = Uuid.randomUuid().toString();
        List<Process> formats = new ArrayList<>();
        for (int node = 1; node <= nodes; node++) {
            Files.writeString(properties(node), serverProperties(node));
            formats.add(java(
                    node,
                    "format",
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    clusterId,
                    "-c",
                    properties(node).toString()));
        }
        for (Process format : formats) {
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                throw new IllegalStateException("kafka.tools.StorageTool format failed; see " + logs);
            }
        }
        for (int node = 1; node <= nodes; node++) {
            start(node);
        }
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
        await(nodes + " broker(s) registered")
                .atMost(START)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> admin.describeCluster().nodes().get().size() == nodes);
    }

    public String bootstrapServers() {
        return IntStream.rangeClosed(1, nodes)
                .mapToObj(node -> "127.0.0.1:" + brokerPorts[node])
                .collect(Collectors.joining(","));
    }

    /** Starts node {@code node} (1..nodes) again on its storage and ports; no wait. */
    public void start(int node) throws IOException {
        processes[node] = java(node, "broker", "kafka.Kafka", properties(node).toString());
    }

    /** SIGKILL: no controlled shutdown, nothing flushed. Returns when it was sent (System.nanoTime). */
    public long kill(int node) throws InterruptedException {
        long at = System.nanoTime();
        processes[node].destroyForcibly();
        processes[node].waitFor();
        return at;
    }

    /**
     * SIGTERM: a controlled shutdown (leaderships handed over, logs flushed), SIGKILL if it has not exited within
     * {@code grace}. Returns when it was sent (System.nanoTime).
     */
    public long stop(int node, Duration grace) throws InterruptedException {
        long at = System.nanoTime();
        processes[node].destroy();
        if (!processes[node].waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            processes[node].destroyForcibly();
            processes[node].waitFor();
        }
        return at;
    }

    /** How many partitions of the topics given each node leads, by node id. */
    public Map<Integer, Long> leaderships(Collection<String> topics) throws ExecutionException, InterruptedException {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .filter(partition -> partition.leader() != null)
                .collect(Collectors.groupingBy(
                        partition -> partition.leader().id(), TreeMap::new, Collectors.counting()));
    }

    /** The node the controller quorum follows now. */
    public int activeController() throws ExecutionException, InterruptedException {
        return admin.describeMetadataQuorum().quorumInfo().get().leaderId();
    }

    /** The node is in the in-sync replicas of every partition of every topic, internal ones included. */
    public boolean inSyncEverywhere(int node) throws ExecutionException, InterruptedException {
        Collection<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true))
                .names()
                .get();
        Map<String, TopicDescription> topics =
                admin.describeTopics(names).allTopicNames().get();
        return topics.values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .map(TopicPartitionInfo::isr)
                .allMatch(isr -> isr.stream().anyMatch(replica -> replica.id() == node));
    }

    private Path properties(int node) {
        return root.resolve("node-" + node).resolve("server.properties");
    }

    /** What {@code ./ticketing cluster} writes for a node (write_cluster_properties), on this cluster's ports. */
    private String serverProperties(int node) throws IOException {
        Path dir = Files.createDirectories(root.resolve("node-" + node));
        String voters = IntStream.rangeClosed(1, nodes)
                .mapToObj(n -> n + "@127.0.0.1:" + controllerPorts[n])
                .collect(Collectors.joining(","));
        // Three copies where there are three nodes, two of them in sync for a write: one node may be lost. Fewer
        // nodes: as many copies as nodes, and a write needs them all but never more than one.
        int replication = Math.min(3, nodes);
        int minInSync = replication >= 3 ? 2 : 1;
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[node] + ",CONTROLLER://127.0.0.1:"
                        + controllerPorts[node],
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPorts[node],
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "default.replication.factor=" + replication,
                "min.insync.replicas=" + minInSync,
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=" + replication,
                "offsets.topic.num.partitions=12",
                "transaction.state.log.replication.factor=" + replication,
                "transaction.state.log.min.isr=" + minInSync,
                "transaction.state.log.num.partitions=12",
                "share.coordinator.state.topic.replication.factor=" + replication,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "group.initial.rebalance.delay.ms=0",
                "group.min.session.timeout.ms=1000",
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=500",
                "broker.heartbeat.interval.ms=1000",
                "broker.session.timeout.ms=4000",
                "");
    }

    private Process java(int node, String what, String... mainAndArguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xms128m", "-Xmx384m"));
        if (what.equals("broker")) {
            // Opt-in diagnostics, e.g. -Donsale.it.brokerJvmOptions=-Dlog4j... for Kafka's logs at INFO; off by
            // default.
            String options =
                    System.getProperty("onsale.it.brokerJvmOptions", "").trim();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split("\\s+")));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArguments));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(what + "-" + node + ".log").toFile()))
                .start();
    }

    private static int reserve(List<ServerSocket> reserved) throws IOException {
        ServerSocket socket = new ServerSocket(0);
        reserved.add(socket);
        return socket.getLocalPort();
    }

    /** SIGKILL for every node still running: the data is the test's temporary directory, nothing to keep. */
    @Override
    public void close() throws InterruptedException {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        for (int node = 1; node <= nodes; node++) {
            if (processes[node] != null && processes[node].isAlive()) {
                kill(node);
            }
        }
    }
}
