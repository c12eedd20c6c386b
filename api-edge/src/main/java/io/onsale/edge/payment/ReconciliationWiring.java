package io.onsale.edge.payment;

import io.micrometer.core.instrument.MeterRegistry;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.QueryService;
import io.onsale.kafka.topics.Topics;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** The reconciliation of authorizations nobody settled: on unless {@code onsale.payments.reconciliation.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "onsale.payments.reconciliation.enabled", havingValue = "true", matchIfMissing = true)
class ReconciliationWiring {

    @Bean
    @DependsOn("provisionedTopics")
    OpenAuthorizations openAuthorizations(
            KafkaSettings kafka, Topics topics, ReconciliationSettings settings, Clock clock) {
        return new OpenAuthorizations(kafka, topics, settings, clock);
    }

    @Bean
    PaymentReconciliation paymentReconciliation(
            OpenAuthorizations open,
            ReconciliationSettings settings,
            PaymentGateway gateway,
            QueryService queries,
            CommandPublisher publisher,
            Topics topics,
            PaymentSettings payments,
            MeterRegistry meters,
            Clock clock) {
        return new PaymentReconciliation(
                open,
                new ReconciliationDecider(settings.grace()),
                gateway,
                queries,
                publisher,
                topics,
                settings.interval(),
                payments.timeout(),
                meters,
                clock);
    }
}
