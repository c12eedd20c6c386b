package io.onsale.reservations.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.testing.BrokerCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a broker kill does to an admin client of Kafka 4.1 that has already looked up a partition's leader: the admin
 * remembers the leader, and once the dead broker is fenced (gone from the cluster's metadata) a {@code listOffsets}
 * on that partition is never sent anywhere: it waits out its whole {@code default.api.timeout.ms} and fails with "Timed
 * out waiting for a node assignment", although the partition has a live leader. The
 * failure forgets the leader, so the next call succeeds at once. Kafka Streams' own admin makes exactly these calls (the
 * group leader's changelog end offsets), which is why the platform's Streams admin gives up after 2 s
 * ({@code StreamsProperties.ADMIN_CALL_TIMEOUT_MS}, docs/adr/0019). When this test fails on a Kafka upgrade, the bug is
 * fixed and the admin's timeout can follow the other clients' again.
 */
class DeadLeaderAdminIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(6);

    @TempDir
    Path root;

    @Test
    void aListOffsetsOnAPartitionADeadBrokerLedWaitsOutTheWholeCallTimeoutThenTheRetryFindsTheNewLeader()
            throws Exception {
        try (BrokerCluster brokers =
                        BrokerCluster.start(3, root.resolve("kafka"), KillDrill.logDirectory("DeadLeaderAdmin"));
                Admin cached = admin(brokers.bootstrapServers());
                Admin fresh = admin(brokers.bootstrapServers())) {
            String topic = "dead-leader";
            cached.createTopics(List.of(new NewTopic(topic, 6, (short) 3)))
                    .all()
                    .get();
            List<TopicPartition> partitions = IntStream.range(0, 6)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            await("every partition has a leader")
                    .atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> leaders(fresh, topic).size() == 6);
            endOffsets(cached, partitions); // the admin now remembers every partition's leader

            int victim = leaders(fresh, topic).get(0);
            List<TopicPartition> ledByVictim = leaders(fresh, topic).entrySet().stream()
                    .filter(leader -> leader.getValue() == victim)
                    .map(leader -> new TopicPartition(topic, leader.getKey()))
                    .toList();
            brokers.kill(victim);
            await("the partitions of broker " + victim + " have a new leader")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        Map<Integer, Integer> now = leaders(fresh, topic);
                        return ledByVictim.stream()
                                .allMatch(p -> now.containsKey(p.partition()) && now.get(p.partition()) != victim);
                    });
            assertThat(endOffsetsOrFailure(fresh, ledByVictim))
                    .as("an admin without the old leaders in mind")
                    .isNull();

            long started = System.nanoTime();
            Throwable first = endOffsetsOrFailure(cached, ledByVictim);
            long firstMs = (System.nanoTime() - started) / 1_000_000;
            started = System.nanoTime();
            Throwable second = endOffsetsOrFailure(cached, ledByVictim);
            long secondMs = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    "DeadLeaderAdminIT: listOffsets on %s after broker %d died: %s after %d ms; again: %s after"
                            + " %d ms%n",
                    ledByVictim,
                    victim,
                    first == null ? "answered" : first,
                    firstMs,
                    second == null ? "answered" : second,
                    secondMs);

            assertThat(first)
                    .as("the first call, on the leader the admin remembers")
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("node assignment");
            assertThat(firstMs)
                    .as("it waited its whole call timeout")
                    .isGreaterThanOrEqualTo(CALL_TIMEOUT.toMillis() - 500);
            assertThat(second).as("the retry looks the leader up again").isNull();
            assertThat(secondMs).isLessThan(CALL_TIMEOUT.toMillis() / 2);
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis()));
    }

    /** Each partition's leader by partition number, from the cluster's metadata (describeTopics is not cached). */
    private static Map<Integer, Integer> leaders(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .filter(partition -> partition.leader() != null)
                .collect(Collectors.toMap(
                        TopicPartitionInfo::partition,
                        partition -> partition.leader().id()));
    }

    private static void endOffsets(Admin admin, List<TopicPartition> partitions) throws Exception {
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all()
                .get();
    }

    /** Null when the end offsets came back, else why not. */
    private static Throwable endOffsetsOrFailure(Admin admin, List<TopicPartition> partitions)
            throws InterruptedException {
        try {
            endOffsets(admin, partitions);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return e;
        }
    }
}
