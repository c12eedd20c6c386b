package io.onsale.edge.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The edge's one wall clock for business time: hold deadlines, token ages, admission windows, cache ages, record
 * timestamps. Everything that reads the time is given this bean, so a test that has to move time replaces it with a
 * fixed or mutable one. Latency and metrics keep measuring with {@code nanoTime}, which no clock bean may bend.
 * Public so slice tests, which do not scan configuration, can import it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockWiring {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
