package io.onsale.edge.platform;

import io.onsale.kafka.topics.TopicProvisioner;
import io.onsale.kafka.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The edge's Kafka clients. Topics are provisioned before anything else touches them. */
@Configuration(proxyBeanMethods = false)
class KafkaClients {

    @Bean
    Topics topics(KafkaSettings settings) {
        return settings.topics();
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaSettings settings) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                settings.applicationId() + "-admin"));
    }

    @Bean
    ProvisionedTopics provisionedTopics(Admin admin, Topics topics, KafkaSettings settings) {
        new TopicProvisioner(admin, settings.replicationFactor()).ensure(topics.all());
        return new ProvisionedTopics(topics);
    }

    /** Idempotent, acks=all: a command acknowledged to a buyer is durably in the log, once. */
    @Bean(destroyMethod = "close")
    Producer<String, byte[]> commandProducer(KafkaSettings settings, ProvisionedTopics provisioned) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG,
                settings.applicationId() + "-commands",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                2,
                // A send the producer cannot take (no broker reachable for the topic's metadata) fails fast: 503.
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) CommandPublisher.SEND_BLOCK.toMillis(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                4 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    /** Marker that the catalogue's topics exist; beans that produce or consume depend on it. */
    record ProvisionedTopics(Topics topics) {}
}
