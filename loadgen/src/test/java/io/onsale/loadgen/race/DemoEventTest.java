package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.EventConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoEventTest {

    @Test
    void seatsComeInRowsOfTen() {
        assertThat(DemoEvent.layout(12))
                .extracting(EventConfig.Seat::seatId)
                .containsExactly(
                        "A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5", "A-1-6", "A-1-7", "A-1-8", "A-1-9", "A-1-10",
                        "A-2-1", "A-2-2");
        assertThat(DemoEvent.layout(12).get(10)).isEqualTo(new EventConfig.Seat("A-2-1", "2", 1));
    }

    @Test
    void configOpensTheSaleAMinuteAgoWithOneReservedSection() {
        DemoEvent event = DemoEvent.openSince(3, Instant.parse("2026-11-27T20:00:30.400Z"));

        EventConfig config = event.config();

        assertThat(config.saleOpensAt()).isEqualTo(Instant.parse("2026-11-27T19:59:30Z"));
        assertThat(config.currency()).isEqualTo("EUR");
        assertThat(config.holdWindowMinutes()).isEqualTo(10);
        assertThat(config.perBuyerLimit()).isEqualTo(4);
        assertThat(config.sections()).hasSize(1);
        EventConfig.Section section = config.sections().get(0);
        assertThat(section.sectionId()).isEqualTo("A");
        assertThat(section.kind()).isEqualTo(EventConfig.RESERVED);
        assertThat(section.priceMinor()).isEqualTo(9900);
        assertThat(section.seats()).hasSize(3);
        assertThat(section.seats().get(2)).isEqualTo(new EventConfig.Seat("A-1-3", "1", 3));
        assertThat(config.queuePolicy().activationThreshold())
                .as("above the most buyers a race has")
                .isEqualTo(500);
    }
}
