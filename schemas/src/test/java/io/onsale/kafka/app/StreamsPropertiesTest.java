package io.onsale.kafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    private static final String INSTANCE_ID = StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);

    @Test
    void anInstanceWithAnAddressIsAStaticMemberNamedByItInCharactersTheBrokerAccepts() {
        Properties props = new StreamsProperties("it-x.reservations", "k:9092", Path.of("s"), "engine-1:7070", 3, 1, 1)
                .toProperties();

        assertThat(props.getProperty(INSTANCE_ID))
                .isEqualTo("it-x.reservations-engine-1_7070")
                .matches("[A-Za-z0-9._-]+");
        assertThat(StreamsProperties.staticMemberId("app", "[::1]:8080")).isEqualTo("app-___1__8080");
    }

    @Test
    void anInstanceWithoutAnAddressIsAnOrdinaryMember() {
        assertThat(StreamsProperties.local("app", "k:9092", Path.of("s")).toProperties())
                .doesNotContainKey(INSTANCE_ID);
    }

    @Test
    void aDeadMemberIsNoticedWithinSecondsAndATransactionOutlastsABrokerFailover() {
        Properties props =
                StreamsProperties.local("app", "k:9092", Path.of("s")).toProperties();

        assertThat(props.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)))
                .isEqualTo(2_000);
        assertThat(props.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)))
                .isEqualTo(500);
        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)))
                .isEqualTo(10_000);
    }

    @Test
    void noCallOfTheStreamsClientsBlocksForAMinute() {
        Properties props =
                StreamsProperties.local("app", "k:9092", Path.of("s")).toProperties();

        // The admin's calls are shorter still: with the 4.1.2 client, a call on a partition a dead broker led waits out
        // its whole timeout (DeadLeaderAdminIT).
        assertThat(props.get(StreamsConfig.adminClientPrefix(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)))
                .isEqualTo(2_000);
        assertThat(props.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)))
                .isEqualTo(10_000);
        assertThat(props.get(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)))
                .isEqualTo(10_000);
        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG)))
                .isEqualTo(10_000);
        // A Streams client accepts them: the admin's call timeout is at least its request timeout.
        assertThat(new StreamsConfig(props).getAdminConfigs("c"))
                .containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000)
                .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    }
}
