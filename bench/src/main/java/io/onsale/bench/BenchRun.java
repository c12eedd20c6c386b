package io.onsale.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run's names and leftovers: every topic and application id starts with {@link #prefix()}, unique to
 * the run, so runs never see each other's records (topic deletion is asynchronous: a reused name can clash), and
 * {@link #close()} deletes every topic, consumer group and state directory the run made.
 */
final class BenchRun implements AutoCloseable {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final String id;
    private final String bootstrapServers;
    private final Admin admin;
    private final Path stateRoot;
    private final boolean keep;

    /** @param stateParent where the run's state directory goes, or {@code null} for the OS temp directory */
    BenchRun(String bootstrapServers, Path stateParent, boolean keep) {
        this.id = ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME) + "-"
                + UUID.randomUUID().toString().substring(0, 4);
        this.bootstrapServers = bootstrapServers;
        this.keep = keep;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        try {
            if (stateParent == null) {
                this.stateRoot = Files.createTempDirectory("onsale-bench-" + id + "-");
            } else {
                this.stateRoot = Files.createDirectories(stateParent.resolve(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String id() {
        return id;
    }

    /** Lower-case, kebab-case, ends in '.': valid as a topic prefix of the catalogue and as an application id start. */
    String prefix() {
        return "bench-" + id + ".";
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Admin admin() {
        return admin;
    }

    Path stateDir(String name) {
        return stateRoot.resolve(name);
    }

    void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Stream.of(names)
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .toList();
        try {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics " + List.of(names) + ": " + e.getMessage(), e);
        }
        awaitWritable(List.of(names));
    }

    /**
     * Waits until the broker answers for every partition of the topics. Creation returns when the controller has
     * the topic, before the broker has made its partitions: an idempotent producer that starts at once gets
     * "not leader" answers, and on this broker version its retries can end in OutOfOrderSequenceException.
     */
    void awaitWritable(Collection<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(names)
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .values()
                        .forEach(topic -> topic.partitions()
                                .forEach(partition -> partitions.put(
                                        new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "topics " + names + " are not writable after 30 s: " + e.getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics", e);
            }
        }
    }

    /** Deletes this run's topics (platform, dead-letter and Streams-internal), consumer groups and state. */
    @Override
    public void close() {
        try {
            if (!keep) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                List<String> ours = topics.stream()
                        .filter(name -> name.startsWith(prefix()))
                        .toList();
                if (!ours.isEmpty()) {
                    admin.deleteTopics(ours).all().get(60, TimeUnit.SECONDS);
                }
                List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .map(group -> group.groupId())
                        .filter(group -> group.startsWith(prefix()))
                        .toList();
                if (!groups.isEmpty()) {
                    admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            System.err.println("bench: could not delete every topic or group of run " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.close();
            deleteRecursively(stateRoot);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + root + ": " + e.getMessage());
        }
    }
}
