package io.onsale.reservations.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.schema.config.EventConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventRulesCacheTest {

    private final Map<String, EventConfig> catalogue = new HashMap<>();
    private final AtomicLong nanos = new AtomicLong();
    private final EventRulesCache cache = new EventRulesCache(catalogue::get, nanos::get);

    @Test
    void anEventConfiguredAMomentAfterAnOrderAskedForItIsKnownAtOnce() {
        assertThat(cache.rules("E1")).isNull();

        catalogue.put("E1", TestEvents.theatre("E1"));

        assertThat(cache.rules("E1")).isNotNull();
        assertThat(cache.rules("E1").sectionOfSeat()).containsEntry("B-2-4", "B");
        assertThat(cache.rules("E1").orderRules().perBuyerLimit()).isEqualTo(4);
    }

    @Test
    void aChangedConfigIsSeenOnceTheCachedCopyIsOlderThanItsMaximumAge() {
        catalogue.put("E1", TestEvents.theatre("E1"));
        assertThat(cache.rules("E1").orderRules().perBuyerLimit()).isEqualTo(4);
        EventConfig raised = TestEvents.theatre("E1");
        raised.setPerBuyerLimit(10);
        catalogue.put("E1", raised);

        assertThat(cache.rules("E1").orderRules().perBuyerLimit()).as("still cached").isEqualTo(4);
        nanos.addAndGet(EventRulesCache.MAX_AGE.toNanos() + 1);
        assertThat(cache.rules("E1").orderRules().perBuyerLimit()).isEqualTo(10);
    }
}
