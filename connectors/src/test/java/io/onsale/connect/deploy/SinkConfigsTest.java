package io.onsale.connect.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.kafka.codec.SchemaCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SinkConfigsTest {

    private static final Path SINKS = Path.of("sinks");

    @Test
    void everyCheckedInSinkLoadsWithItsVariablesFilledIn() {
        List<SinkConfigs.Sink> sinks = SinkConfigs.load(SINKS, variables("it-x."));

        assertThat(sinks)
                .extracting(SinkConfigs.Sink::name)
                .containsExactly(
                        "warehouse-dead-letters",
                        "warehouse-event-catalog",
                        "warehouse-order-events",
                        "warehouse-orders",
                        "warehouse-payment-events",
                        "warehouse-queue-events",
                        "warehouse-queue-progress",
                        "warehouse-reservation-events");
        SinkConfigs.Sink orders = sinks.get(3);
        assertThat(orders.config().path("topics").asText()).isEqualTo("it-x.order-events");
        assertThat(orders.config().path("errors.deadletterqueue.topic.name").asText())
                .isEqualTo("it-x.order-events-dlq");
        assertThat(orders.config().path("connection.url").asText()).isEqualTo("jdbc:postgresql://h:1/w?a=\"b\"");
        assertThat(sinks.get(0).config().path("topics.regex").asText()).isEqualTo("it-x[.].*-dlq");
    }

    @Test
    void everySinkOfARecordTopicNamesARecordOfThePlatformAndReadsCommittedOnly() {
        List<String> known =
                SchemaCatalog.topLevel().stream().map(Schema::getFullName).toList();

        for (SinkConfigs.Sink sink : SinkConfigs.load(SINKS, variables(""))) {
            assertThat(sink.config().path("consumer.override.isolation.level").asText())
                    .as(sink.name())
                    .isEqualTo("read_committed");
            if (!sink.name().equals("warehouse-dead-letters")) {
                assertThat(sink.config().path("value.converter.record").asText())
                        .as(sink.name())
                        .isIn(known);
                // Each record topic's unreadable records go to that topic's own dead-letter topic.
                assertThat(sink.config()
                                .path("errors.deadletterqueue.topic.name")
                                .asText())
                        .as(sink.name())
                        .isEqualTo(sink.config().path("topics").asText() + "-dlq");
                assertThat(sink.config().path("errors.tolerance").asText()).isEqualTo("all");
            }
        }
    }

    @Test
    void aVariableThatIsNotGivenIsAnErrorNamingIt() {
        Map<String, String> missingUrl = variables("");
        missingUrl.remove("jdbcUrl");

        assertThatThrownBy(() -> SinkConfigs.load(SINKS, missingUrl))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs [jdbcUrl]");
    }

    private static Map<String, String> variables(String prefix) {
        Map<String, String> variables = new HashMap<>(SinkConfigs.topicVariables(prefix));
        variables.put("jdbcUrl", "jdbc:postgresql://h:1/w?a=\"b\"");
        variables.put("jdbcUser", "u");
        variables.put("jdbcPassword", "p");
        variables.put("replicationFactor", "1");
        return variables;
    }
}
