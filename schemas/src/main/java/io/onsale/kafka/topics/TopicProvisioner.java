package io.onsale.kafka.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the broker hold the catalogue's topics: creates the missing ones, leaves matching ones alone,
 * and fails with every difference listed when an existing topic has another partition count or cleanup
 * policy. Safe to run from several instances at once.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final short replicationFactor;

    public TopicProvisioner(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** @return the names of the topics this call created */
    public List<String> ensure(Collection<? extends TopicSpec<?, ?>> specs) {
        Map<String, TopicSpec<?, ?>> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));

        Map<String, TopicDescription> existing = describe(byName.keySet());
        verify(byName, existing);

        List<NewTopic> missing = new ArrayList<>();
        byName.values().stream()
                .filter(spec -> !existing.containsKey(spec.name()))
                .forEach(spec -> missing.add(
                        new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs())));
        List<String> created = new ArrayList<>();
        List<String> createdElsewhere = new ArrayList<>();
        if (!missing.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (var result : results.entrySet()) {
                try {
                    await(result.getValue());
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(
                                "could not create topic " + result.getKey() + ": "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                    createdElsewhere.add(result.getKey());
                }
            }
            // Someone else created these first, possibly differently; the broker we ask may not know them yet.
            verify(byName, describeUntilVisible(createdElsewhere));
            log.info("created topics {}", created);
        }
        return created;
    }

    private void verify(Map<String, TopicSpec<?, ?>> byName, Map<String, TopicDescription> existing) {
        if (existing.isEmpty()) {
            return;
        }
        Map<String, String> cleanupPolicies = cleanupPolicies(existing.keySet());
        List<String> mismatches = new ArrayList<>();
        for (TopicDescription description : existing.values()) {
            TopicSpec<?, ?> spec = byName.get(description.name());
            int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                mismatches.add("topic '" + spec.name() + "' has " + partitions + " partitions, the catalogue declares "
                        + spec.partitions());
            }
            String policy = cleanupPolicies.get(description.name());
            if (policy != null && !policy.equals(spec.cleanupPolicy().config())) {
                mismatches.add("topic '" + spec.name() + "' has cleanup.policy=" + policy + ", the catalogue declares "
                        + spec.cleanupPolicy().config());
            }
        }
        if (!mismatches.isEmpty()) {
            throw new TopicMismatchException(mismatches);
        }
    }

    private Map<String, TopicDescription> describeUntilVisible(List<String> names) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        Map<String, TopicDescription> found = describe(names);
        while (found.size() < names.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics exist but cannot be described: " + names);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic metadata", e);
            }
            found = describe(names);
        }
        return found;
    }

    private Map<String, TopicDescription> describe(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> found = new LinkedHashMap<>();
        for (var entry : admin.describeTopics(names).topicNameValues().entrySet()) {
            try {
                found.put(entry.getKey(), await(entry.getValue()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "could not describe topic " + entry.getKey() + ": "
                                    + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        }
        return found;
    }

    private Map<String, String> cleanupPolicies(Collection<String> names) {
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<String, String> policies = new LinkedHashMap<>();
        try {
            Map<ConfigResource, Config> configs =
                    await(admin.describeConfigs(resources).all());
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                if (entry != null) {
                    policies.put(resource.name(), entry.value());
                }
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not read topic configs: " + e.getCause().getMessage(), e.getCause());
        }
        return policies;
    }

    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the broker", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
