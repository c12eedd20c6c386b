package io.onsale.edge.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate and body limits. Beans here (not component-scanned classes), so slice tests of other features run without
 * them and a slice test of the limits imports this class.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LimitSettings.class, InFlightSettings.class})
public class LimitsWiring {

    @Bean
    RateLimits rateLimits(LimitSettings settings, ObjectProvider<MeterRegistry> meters) {
        // Slice tests run without a metrics registry; the application always has one.
        return new RateLimits(settings, System::nanoTime, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    BuyerRateLimitFilter buyerRateLimitFilter(RateLimits limits, JsonMapper json) {
        return new BuyerRateLimitFilter(limits, json);
    }

    @Bean
    InFlight inFlight(InFlightSettings settings, ObjectProvider<MeterRegistry> meters) {
        return new InFlight(settings, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    InFlightLimitFilter inFlightLimitFilter(InFlight inFlight, JsonMapper json) {
        return new InFlightLimitFilter(inFlight, json);
    }

    @Bean
    AnonymousRateLimitFilter anonymousRateLimitFilter(RateLimits limits, JsonMapper json) {
        return new AnonymousRateLimitFilter(limits, json);
    }

    @Bean
    BodyLimitFilter bodyLimitFilter(LimitSettings settings, JsonMapper json, ObjectProvider<MeterRegistry> meters) {
        return new BodyLimitFilter(settings, json, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * The codecs buffer a whole JSON body before decoding it and refuse past their limit (256 KiB by default, which
     * is what refused a 50,000-seat config). Set to the largest body limit, so {@link BodyLimitFilter} decides alone;
     * last in order, so a stray {@code spring.codec.max-in-memory-size} cannot undercut it.
     */
    @Bean
    CodecCustomizer bodyLimitCodecs(LimitSettings settings) {
        return new OrderedCodecCustomizer(settings.largestBody());
    }

    private record OrderedCodecCustomizer(int maxInMemorySize) implements CodecCustomizer, Ordered {

        @Override
        public void customize(org.springframework.http.codec.CodecConfigurer configurer) {
            configurer.defaultCodecs().maxInMemorySize(maxInMemorySize);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
