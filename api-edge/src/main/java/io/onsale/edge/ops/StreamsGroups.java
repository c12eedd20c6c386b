package io.onsale.edge.ops;

import io.onsale.edge.ops.Sample.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many instances each Streams app has, from its consumer group as the broker sees it: what Prometheus' {@code up}
 * tells of the edges, seen from inside one of them. A member's client id is {@code <instance's client id>-StreamThread-N-consumer}:
 * the part before {@code -StreamThread-} is one instance, however many threads it runs. Asked at most every
 * {@link #REFRESH}, with a timeout, on the sampler's thread (it blocks).
 */
final class StreamsGroups {

    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String THREAD_SUFFIX = "-StreamThread-";
    private static final Logger log = LoggerFactory.getLogger(StreamsGroups.class);

    private final Admin admin;
    /** App name (reservations, waiting-room) → its application id (its group). */
    private final Map<String, String> groups;

    private Instant askedAt;
    private Map<Key, Double> last = Map.of();

    StreamsGroups(Admin admin, Map<String, String> groups) {
        this.admin = admin;
        this.groups = Map.copyOf(groups);
    }

    /** The instances of each app as last seen; asks the broker again when the last answer is older than {@link #REFRESH}. */
    Map<Key, Double> instances(Instant now) {
        if (groups.isEmpty()
                || askedAt != null && Duration.between(askedAt, now).compareTo(REFRESH) < 0) {
            return last;
        }
        askedAt = now;
        try {
            Map<String, ConsumerGroupDescription> described =
                    admin.describeConsumerGroups(groups.values()).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<Key, Double> counted = new HashMap<>();
            groups.forEach((app, group) -> {
                ConsumerGroupDescription description = described.get(group);
                counted.put(
                        Key.of(Readings.STREAMS_INSTANCES, app),
                        description == null ? 0.0 : (double) instancesOf(description.members()));
            });
            last = Map.copyOf(counted);
        } catch (Exception unanswered) {
            // The last figures stay; a broker that does not answer shows in the lag, the states and readiness.
            log.debug("Streams groups not described now: {}", unanswered.toString());
            if (unanswered instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return last;
    }

    static int instancesOf(Collection<MemberDescription> members) {
        Set<String> instances = new HashSet<>();
        for (MemberDescription member : members) {
            String client = member.clientId();
            int thread = client.indexOf(THREAD_SUFFIX);
            instances.add(thread < 0 ? client : client.substring(0, thread));
        }
        return instances.size();
    }
}
