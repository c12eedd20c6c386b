package io.onsale.edge.platform;

import io.onsale.edge.platform.KafkaClients.ProvisionedTopics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine this edge answers from when it does not embed it ({@code onsale.edge.embedded-engine=false}): the engine's
 * own processes, asked over their query endpoints. Embedded, {@link ReservationsStreams} is the {@link Engine}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RemoteEngineSettings.class)
class EngineWiring {

    @Bean
    @ConditionalOnProperty(name = "onsale.edge.embedded-engine", havingValue = "false")
    RemoteEngine remoteEngine(KafkaSettings kafka, RemoteEngineSettings settings, ProvisionedTopics provisioned) {
        return new RemoteEngine(kafka, settings, provisioned);
    }
}
