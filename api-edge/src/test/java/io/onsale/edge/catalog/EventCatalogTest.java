package io.onsale.edge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.platform.Engine;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class EventCatalogTest {

    private final Engine engine = mock(Engine.class);
    /** The configs as the engine holds them now. */
    private final Map<String, EventConfig> configs = new ConcurrentHashMap<>();

    private EventCatalog catalog;
    private Consumer<String> topologySays;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void aCatalogueOnTheEnginesConfigs() {
        when(engine.event(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> Optional.ofNullable(configs.get(call.<String>getArgument(0))));
        catalog = new EventCatalog(engine, java.time.Clock.systemUTC());
        ArgumentCaptor<Consumer<String>> listener = ArgumentCaptor.forClass(Consumer.class);
        verify(engine).onCatalogChange(listener.capture());
        topologySays = listener.getValue();
    }

    @Test
    void anEventsIndexIsBuiltOnceAndAgainWhenTheTopologySaysItsConfigChanged() {
        configs.put("E1", event(100));

        for (int i = 0; i < 50; i++) {
            assertThat(catalog.index("E1")
                            .orElseThrow()
                            .config()
                            .getSections()
                            .get(0)
                            .getZones()
                            .get(0)
                            .getCapacity())
                    .isEqualTo(100);
        }
        verify(engine, times(1)).event("E1");

        configs.put("E1", event(150));
        topologySays.accept("E1");

        assertThat(catalog.index("E1")
                        .orElseThrow()
                        .config()
                        .getSections()
                        .get(0)
                        .getZones()
                        .get(0)
                        .getCapacity())
                .isEqualTo(150);
        verify(engine, times(2)).event("E1");
    }

    @Test
    void anUnknownEventIsNotRememberedAsUnknown() {
        assertThat(catalog.index("E2")).isEmpty();
        configs.put("E2", event(10));

        assertThat(catalog.index("E2")).isPresent();
    }

    private static EventConfig event(int capacity) {
        return EventConfig.newBuilder()
                .setEventId("E1")
                .setName("n")
                .setVenue("v")
                .setSaleOpensAt(Instant.parse("2026-12-01T10:00:00Z"))
                .setPerBuyerLimit(4)
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .setSections(List.of(Section.newBuilder()
                        .setSectionId("FLOOR")
                        .setName("Floor")
                        .setKind(SectionKind.GENERAL_ADMISSION)
                        .setPriceTier("GA")
                        .setPriceMinor(4_500)
                        .setSeats(List.of())
                        .setZones(List.of(Zone.newBuilder()
                                .setZoneId("FLOOR-1")
                                .setCapacity(capacity)
                                .build()))
                        .build()))
                .build();
    }
}
