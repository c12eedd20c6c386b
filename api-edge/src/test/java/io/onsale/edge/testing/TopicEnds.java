package io.onsale.edge.testing;

import io.onsale.kafka.testing.RealKafka;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offset of every partition of every topic of the catalogue ({@link Topics#all()}: the platform's topics and
 * their dead-letter topics), as the broker has them now: the end of what was written, committed or not, so that a
 * record anybody produced moves it. Taken before and after something that must produce nothing.
 */
public record TopicEnds(Map<TopicPartition, Long> ends) {

    public static TopicEnds of(Topics topics) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()))) {
            var names = topics.all().stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                    .flatMap(topic ->
                            topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return new TopicEnds(Map.copyOf(ends));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the topics' end offsets", e.getCause());
        }
    }

    /** Per topic, how many offsets were written since {@code before}; only the topics that moved. */
    public Map<String, Long> writtenSince(TopicEnds before) {
        Map<String, Long> written = new TreeMap<>();
        ends.forEach((partition, end) -> {
            long moved = end - before.ends().getOrDefault(partition, 0L);
            if (moved != 0) {
                written.merge(partition.topic(), moved, Long::sum);
            }
        });
        return written;
    }
}
