package io.onsale.kafka.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.kafka.testing.RealKafka;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {

    private Admin admin;
    private TopicProvisioner provisioner;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealKafka.bootstrapServers()));
        provisioner = new TopicProvisioner(admin, (short) 1);
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void createsEveryCatalogueTopicOnceAndThenLeavesThemAlone() throws Exception {
        Topics topics =
                Topics.from(Topics.Settings.defaults().withPrefix(RealKafka.uniquePrefix("provisioner-creates")));

        List<String> first = provisioner.ensure(topics.all());
        List<String> second = provisioner.ensure(topics.all());

        assertThat(first).hasSize(topics.all().size());
        assertThat(second).isEmpty();
        Set<String> onBroker = admin.listTopics().names().get();
        assertThat(onBroker)
                .containsAll(topics.all().stream().map(TopicSpec::name).toList());
        var description = admin.describeTopics(
                        List.of(topics.reservationRequests().name()))
                .allTopicNames()
                .get();
        assertThat(description.get(topics.reservationRequests().name()).partitions())
                .hasSize(12);
    }

    @Test
    void failsClearlyWhenAnExistingTopicHasAnotherPartitionCount() throws Exception {
        Topics topics =
                Topics.from(Topics.Settings.defaults().withPrefix(RealKafka.uniquePrefix("provisioner-partitions")));
        admin.createTopics(List.of(new NewTopic(topics.reservationEvents().name(), 2, (short) 1)
                        .configs(topics.reservationEvents().configs())))
                .all()
                .get();

        assertThatThrownBy(() -> provisioner.ensure(topics.all()))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining("topic '" + topics.reservationEvents().name()
                        + "' has 2 partitions, the catalogue declares 12");
    }

    @Test
    void failsClearlyWhenAnExistingTopicHasAnotherCleanupPolicy() throws Exception {
        Topics topics =
                Topics.from(Topics.Settings.defaults().withPrefix(RealKafka.uniquePrefix("provisioner-cleanup")));
        admin.createTopics(List.of(new NewTopic(
                                topics.eventConfig().name(),
                                topics.eventConfig().partitions(),
                                (short) 1)
                        .configs(Map.of("cleanup.policy", "delete"))))
                .all()
                .get();

        assertThatThrownBy(() -> provisioner.ensure(topics.all()))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining("cleanup.policy=delete, the catalogue declares compact");
    }
}
