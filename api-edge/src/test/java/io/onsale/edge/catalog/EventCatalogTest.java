package io.onsale.edge.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class EventCatalogTest {

    private final ReservationsStreams streams = mock(ReservationsStreams.class);
    @SuppressWarnings("unchecked")
    private final ReadOnlyKeyValueStore<String, EventConfig> store = mock(ReadOnlyKeyValueStore.class);
    private EventCatalog catalog;
    private Consumer<String> topologySays;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void aCatalogueOnTheGlobalStore() {
        when(streams.store(eq(ReservationsTopology.EVENTS_STORE), any())).thenReturn(store);
        catalog = new EventCatalog(streams);
        ArgumentCaptor<Consumer<String>> listener = ArgumentCaptor.forClass(Consumer.class);
        verify(streams).onCatalogChange(listener.capture());
        topologySays = listener.getValue();
    }

    @Test
    void anEventsIndexIsBuiltOnceAndAgainWhenTheTopologySaysItsConfigChanged() {
        when(store.get("E1")).thenReturn(event(100));

        for (int i = 0; i < 50; i++) {
            assertThat(catalog.index("E1").orElseThrow().config().getSections().get(0).getZones().get(0).getCapacity())
                    .isEqualTo(100);
        }
        verify(store, times(1)).get("E1");

        when(store.get("E1")).thenReturn(event(150));
        topologySays.accept("E1");

        assertThat(catalog.index("E1").orElseThrow().config().getSections().get(0).getZones().get(0).getCapacity())
                .isEqualTo(150);
        verify(store, times(2)).get("E1");
    }

    @Test
    void anUnknownEventIsNotRememberedAsUnknown() {
        assertThat(catalog.index("E2")).isEmpty();
        when(store.get("E2")).thenReturn(event(10));

        assertThat(catalog.index("E2")).isPresent();
    }

    private static EventConfig event(int capacity) {
        return EventConfig.newBuilder().setEventId("E1").setName("n").setVenue("v")
                .setSaleOpensAt(Instant.parse("2026-12-01T10:00:00Z")).setPerBuyerLimit(4)
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .setSections(List.of(Section.newBuilder().setSectionId("FLOOR").setName("Floor")
                        .setKind(SectionKind.GENERAL_ADMISSION).setPriceTier("GA").setPriceMinor(4_500).setSeats(List.of())
                        .setZones(List.of(Zone.newBuilder().setZoneId("FLOOR-1").setCapacity(capacity).build())).build()))
                .build();
    }
}
