package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.EventView;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSetupTest {

    @Test
    void availableAddsUpTheSectionsTheEngineHasCountedAndSkipsTheOthers() {
        EventView event = new EventView(
                "e1",
                "n",
                "v",
                null,
                "EUR",
                30,
                4,
                List.of(
                        new EventView.SectionView(
                                "A",
                                "Stalls",
                                "RESERVED",
                                "T1",
                                5_000L,
                                100,
                                null,
                                new EventView.Availability(100, 60, 40, 0, null)),
                        new EventView.SectionView(
                                "FLOOR",
                                "Floor",
                                "GENERAL_ADMISSION",
                                "GA",
                                4_500L,
                                null,
                                List.of(),
                                new EventView.Availability(1_000, 1_000, 0, 0, null)),
                        new EventView.SectionView("B", "Balcony", "RESERVED", "T1", 5_000L, 10, null, null)));

        assertThat(EventSetup.available(event)).isEqualTo(1_060);
    }
}
