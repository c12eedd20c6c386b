package io.onsale.edge.platform;

import io.onsale.edge.platform.KafkaClients.ProvisionedTopics;
import io.onsale.schema.order.OrderEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The committed answers this edge waits for: one follower per answer topic. */
@Configuration(proxyBeanMethods = false)
class AnswerFollowers {

    /** Buyers' order commands are answered on {@code order-events}, matched by the command's request id. */
    @Bean
    CommittedAnswers<OrderEvent> orderAnswers(KafkaSettings settings, ProvisionedTopics provisioned) {
        return new CommittedAnswers<>(
                settings, provisioned.topics().orderEvents(), OrderEvent::getRequestId, "order-answers");
    }
}
