package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.reservations.config.EventConfigValidator;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.reservation.ReservationCommand;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchVenueTest {

    private final BenchVenue venue = new BenchVenue("bench-event", 50_000);

    @Test
    void fiftyThousandSeatsMakeAValidEvent() {
        EventConfig config = venue.config(Instant.parse("2026-11-27T20:00:00Z"));

        assertThat(EventConfigValidator.problems(config)).isEmpty();
        assertThat(config.getSections()).hasSize(50);
        assertThat(config.getSections().stream()
                        .mapToInt(section -> section.getSeats().size())
                        .sum())
                .isEqualTo(50_000);
    }

    @Test
    void holdNumberIRacesForSeatIModSeatsUnderItsUnitKey() {
        ReservationCommand first = venue.hold(7);
        ReservationCommand fourth = venue.hold(7 + 3 * 50_000);

        assertThat(fourth.getUnitId()).isEqualTo(first.getUnitId());
        assertThat(first.getEventId() + "|" + first.getSectionId() + "|" + first.getUnitId())
                .isEqualTo(venue.unitKey(7));
        assertThat(BenchVenue.holdNumber(fourth.getRequestId())).isEqualTo(150_007);
    }

    @Test
    void everySeatHasItsOwnUnitKey() {
        Set<String> keys = new HashSet<>();
        for (int seat = 0; seat < 50_000; seat++) {
            keys.add(venue.unitKey(seat));
        }
        assertThat(keys).hasSize(50_000);
    }

    @Test
    void aRequestIdTheBenchDidNotMakeHasNoHoldNumber() {
        assertThat(BenchVenue.holdNumber("configure:bench-event:0-0:S001-1-1")).isEqualTo(-1);
        assertThat(BenchVenue.holdNumber(null)).isEqualTo(-1);
    }
}
