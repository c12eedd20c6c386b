package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.EventConfig;
import io.onsale.loadgen.client.EventConfig.Section;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VenueTest {

    @Test
    void aThousandTicketsAreAPremiumSectionThreeStallsAndAFloorOfTwoHundred() {
        Venue venue = Venue.of(1_000, 0.2);

        assertThat(venue.sections()).extracting(Section::sectionId).containsExactly("P", "A", "B", "C", "FLOOR");
        assertThat(venue.sections()).extracting(Section::capacity).containsExactly(80, 240, 240, 240, 200);
        assertThat(venue.capacity()).isEqualTo(1_000);
        assertThat(venue.sections().get(1).seats().get(0).seatId()).isEqualTo("A-1-1");
        assertThat(venue.sections().get(1).seats().get(20).seatId()).isEqualTo("A-2-1");
        // The best sections are wanted most, so they are where the races are.
        assertThat(venue.popularity().get(0)).isGreaterThan(venue.popularity().get(1));
        assertThat(venue.popularity().get(1)).isGreaterThan(venue.popularity().get(3));
    }

    @Test
    void fiftyThousandTicketsSplitIntoSectionsSmallEnoughToReadBackWithUniqueSeatIds() {
        Venue venue = Venue.of(50_000, 0.2);

        assertThat(venue.capacity()).isEqualTo(50_000);
        assertThat(venue.reservedSections())
                .allSatisfy(section -> assertThat(section.seats().size()).isLessThanOrEqualTo(Venue.MAX_SECTION_SEATS));
        Set<String> ids = new HashSet<>();
        venue.reservedSections().forEach(section -> section.seats().forEach(seat -> ids.add(seat.seatId())));
        assertThat(ids).hasSize(40_000);
        assertThat(venue.sections()).extracting(Section::sectionId).doesNotHaveDuplicates();
    }

    @Test
    void sectionNamesNeverCollideWithThePremiumSection() {
        assertThat(Venue.sectionName(0)).isEqualTo("A");
        assertThat(Venue.sectionName(14)).isEqualTo("O");
        assertThat(Venue.sectionName(15)).isEqualTo("Q");
        assertThat(Venue.sectionName(24)).isEqualTo("Z");
        assertThat(Venue.sectionName(25)).isEqualTo("AA");
    }

    @Test
    void theConfigCarriesTheWaitingRoomPolicyAndTheHoldWindowAsAsked() {
        var on = WaitingRoomPlan.forSale(true, 10, 5, 40);
        var config = Venue.of(10, 0.0).config("n", Instant.parse("2026-11-27T22:00:00Z"), 3, on.policy(11));

        assertThat(config.queuePolicy())
                .isEqualTo(new EventConfig.QueuePolicy(4, 5, 40, WaitingRoomPlan.PURCHASE_WINDOW_MINUTES));
        assertThat(config.holdWindowMinutes()).isEqualTo(3);
        assertThat(config.perBuyerLimit()).isEqualTo(Venue.PER_BUYER_LIMIT);
        assertThat(config.sections()).extracting(Section::sectionId).containsExactly("P", "A", "B", "C");
    }

    @Test
    void aWaitingRoomTurnedOffNeverActivatesForTheseBuyers() {
        var off = WaitingRoomPlan.forSale(false, 10, null, null);

        assertThat(off.policy(11).activationThreshold()).isEqualTo(12);
    }
}
