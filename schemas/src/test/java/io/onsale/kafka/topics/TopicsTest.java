package io.onsale.kafka.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final Topics topics = Topics.from(Topics.Settings.defaults());

    @Test
    void namesAreKebabCaseWireContractsAndUnique() {
        List<String> names = topics.all().stream().map(TopicSpec::name).toList();

        assertThat(names).allMatch(name -> name.matches("[a-z]+(-[a-z]+)*"));
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names)
                .contains(
                        "event-config",
                        "reservation-requests",
                        "reservation-events",
                        "order-events",
                        "queue-progress",
                        "payment-events",
                        "alerts");
    }

    @Test
    void everyPlatformTopicHasADeadLetterTopic() {
        for (TopicSpec<?, ?> topic : topics.platformTopics()) {
            assertThat(topics.all()).extracting(TopicSpec::name).contains(topic.name() + "-dlq");
        }
    }

    @Test
    void configAndProgressTopicsAreCompactedAndKeptForever() {
        assertThat(topics.eventConfig().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(topics.queueProgress().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(topics.eventConfig().configs()).containsEntry("retention.ms", "-1");
        assertThat(topics.reservationRequests().configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void aPrefixMovesEveryTopicButNoOtherPartOfTheName() {
        Topics prefixed = Topics.from(Topics.Settings.defaults().withPrefix("it-abc."));

        assertThat(prefixed.all()).extracting(TopicSpec::name).allMatch(name -> name.startsWith("it-abc."));
        assertThat(prefixed.reservationEvents().name()).isEqualTo("it-abc.reservation-events");
    }

    @Test
    void refusesAPrefixThatIsNotATopicNameFragment() {
        assertThatThrownBy(() -> Topics.Settings.defaults().withPrefix("Bad Prefix/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad Prefix/");
    }
}
