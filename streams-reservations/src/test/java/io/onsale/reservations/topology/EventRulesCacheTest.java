package io.onsale.reservations.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.schema.config.EventConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventRulesCacheTest {

    private final Map<String, EventConfig> catalogue = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final EventRulesCache cache = new EventRulesCache(nanos::get);

    private EventRulesCache.Rules rules(String eventId) {
        return cache.rules(eventId, id -> {
            reads.incrementAndGet();
            return catalogue.get(id);
        });
    }

    @Test
    void anEventConfiguredAMomentAfterAnOrderAskedForItIsKnownAtOnce() {
        assertThat(rules("E1")).isNull();

        catalogue.put("E1", TestEvents.theatre("E1"));

        assertThat(rules("E1")).isNotNull();
        assertThat(rules("E1").sectionOfSeat()).containsEntry("B-2-4", "B");
        assertThat(rules("E1").orderRules().perBuyerLimit()).isEqualTo(4);
    }

    @Test
    void aConfigIsDecodedOnceAndAgainOnlyWhenTheCatalogueSaysItChanged() {
        catalogue.put("E1", TestEvents.theatre("E1"));
        for (int i = 0; i < 100; i++) {
            assertThat(rules("E1").orderRules().perBuyerLimit()).isEqualTo(4);
        }
        assertThat(reads).hasValue(1);

        EventConfig raised = TestEvents.theatre("E1");
        raised.setPerBuyerLimit(10);
        catalogue.put("E1", raised);
        cache.invalidate("E1");

        assertThat(rules("E1").orderRules().perBuyerLimit()).isEqualTo(10);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aChangeThatBypassedTheUpdaterIsSeenOnceTheCopyIsOlderThanItsMaximumAge() {
        catalogue.put("E1", TestEvents.theatre("E1"));
        rules("E1");
        EventConfig raised = TestEvents.theatre("E1");
        raised.setPerBuyerLimit(10);
        catalogue.put("E1", raised);

        assertThat(rules("E1").orderRules().perBuyerLimit()).as("still cached").isEqualTo(4);
        nanos.addAndGet(EventRulesCache.MAX_AGE.toNanos() + 1);
        assertThat(rules("E1").orderRules().perBuyerLimit()).isEqualTo(10);
    }

    @Test
    void aCopyReadBeforeAChangeIsNotKeptAfterTheChangesInvalidation() {
        catalogue.put("E1", TestEvents.theatre("E1"));
        EventConfig raised = TestEvents.theatre("E1");
        raised.setPerBuyerLimit(10);

        // The global thread takes the change in while a stream thread is decoding the old config.
        EventRulesCache.Rules stale = cache.rules("E1", id -> {
            EventConfig old = catalogue.get(id);
            catalogue.put("E1", raised);
            cache.invalidate("E1");
            return old;
        });

        assertThat(stale.orderRules().perBuyerLimit()).isEqualTo(4);
        assertThat(rules("E1").orderRules().perBuyerLimit()).isEqualTo(10);
    }
}
