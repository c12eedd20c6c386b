package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void eachSectionReportsItsCountsAndASectionGoneFromTheSummariesStopsReporting() {
        ReservationsStreams streams = mock(ReservationsStreams.class);
        when(streams.queries()).thenThrow(new StoreUnavailableException("not started"));
        InventoryMetrics metrics = new InventoryMetrics(streams, meters);
        try {
            metrics.update(List.of(summary("E1", "A", 100, 60, 30, 10), summary("E1", "FLOOR", 500, 480, 15, 5)));

            assertThat(value("onsale.inventory.held", "E1", "A")).isEqualTo(30);
            assertThat(value("onsale.inventory.sold", "E1", "FLOOR")).isEqualTo(5);
            assertThat(value("onsale.inventory.available", "E1", "FLOOR")).isEqualTo(480);
            assertThat(value("onsale.inventory.capacity", "E1", "A")).isEqualTo(100);

            metrics.update(List.of(summary("E1", "A", 100, 50, 30, 20)));

            assertThat(value("onsale.inventory.sold", "E1", "A")).isEqualTo(20);
            assertThat(meters.find("onsale.inventory.sold")
                            .tag("section", "FLOOR")
                            .gauge())
                    .isNull();
        } finally {
            metrics.destroy();
        }
    }

    private double value(String name, String event, String section) {
        return meters.get(name)
                .tag("event", event)
                .tag("section", section)
                .gauge()
                .value();
    }

    private static SectionSummary summary(
            String event, String section, int capacity, int available, int held, int sold) {
        return SectionSummary.newBuilder()
                .setEventId(event)
                .setSectionId(section)
                .setKind(UnitKind.SEAT)
                .setPriceTier("T")
                .setPriceMinor(1)
                .setCapacity(capacity)
                .setAvailable(available)
                .setHeld(held)
                .setSold(sold)
                .setUpdatedAt(Instant.now())
                .build();
    }
}
