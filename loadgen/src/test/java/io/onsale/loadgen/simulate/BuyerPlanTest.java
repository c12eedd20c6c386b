package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuyerPlanTest {

    static final Venue VENUE = Venue.of(1_000, 0.2);
    static final BuyerPlan.Mix MIX = new BuyerPlan.Mix(0.25, 0.15, 0.2, 5_000, 20_000, ArrivalShape.BURST);

    @Test
    void theSameSeedMakesTheSamePlan() {
        assertThat(BuyerPlan.create(500, VENUE, MIX, 7).buyers())
                .isEqualTo(BuyerPlan.create(500, VENUE, MIX, 7).buyers());
        assertThat(BuyerPlan.create(500, VENUE, MIX, 7).buyers())
                .isNotEqualTo(BuyerPlan.create(500, VENUE, MIX, 8).buyers());
    }

    @Test
    void aShareArrivesBeforeTheOpeningAndMostOfTheRestInTheFirstSeconds() {
        List<BuyerPlan.Buyer> buyers = BuyerPlan.create(10_000, VENUE, MIX, 1).buyers();

        long early = buyers.stream().filter(b -> b.arrivalMillis() < 0).count();
        assertThat(early).isBetween(1_800L, 2_200L);
        assertThat(buyers).allSatisfy(b -> assertThat(b.arrivalMillis()).isBetween(-5_000L, 19_999L));
        long inFirstFourSeconds = buyers.stream()
                .filter(b -> b.arrivalMillis() >= 0 && b.arrivalMillis() < 4_000)
                .count();
        assertThat(inFirstFourSeconds).isGreaterThan((10_000 - early) / 2);
        // Released by walking the list: it is in arrival order.
        assertThat(buyers).isSortedAccordingTo(java.util.Comparator.comparingLong(BuyerPlan.Buyer::arrivalMillis));
    }

    @Test
    void buyersAskForAdjacentSeatsInOneRowBestAvailableOrTheFloorWithinTheLimit() {
        List<BuyerPlan.Buyer> buyers = BuyerPlan.create(5_000, VENUE, MIX, 3).buyers();

        assertThat(buyers).allSatisfy(buyer -> {
            assertThat(buyer.firstOrder().tickets()).isBetween(1, Venue.PER_BUYER_LIMIT);
            switch (buyer.intent()) {
                case SEATS:
                    List<String> seats = buyer.firstOrder().seats();
                    String row = seats.get(0).substring(0, seats.get(0).lastIndexOf('-'));
                    assertThat(seats).allSatisfy(seat -> assertThat(seat).startsWith(row + "-"));
                    for (int i = 1; i < seats.size(); i++) {
                        assertThat(number(seats.get(i))).isEqualTo(number(seats.get(i - 1)) + 1);
                    }
                    break;
                case GENERAL_ADMISSION:
                    assertThat(buyer.firstOrder().sectionId()).isEqualTo(Venue.FLOOR);
                    break;
                default:
                    assertThat(buyer.firstOrder().sectionId()).isIn("P", "A", "B", "C");
            }
        });
        long floor = buyers.stream()
                .filter(b -> b.intent() == BuyerPlan.Intent.GENERAL_ADMISSION)
                .count();
        long best = buyers.stream()
                .filter(b -> b.intent() == BuyerPlan.Intent.BEST_AVAILABLE)
                .count();
        assertThat(floor).isBetween(600L, 900L);
        assertThat(best).isBetween(1_100L, 1_400L);
        // Premium has a twelfth of the reserved seats but about a third of the demand for them.
        long premium = buyers.stream()
                .filter(b -> b.intent() == BuyerPlan.Intent.SEATS)
                .filter(b -> b.firstOrder().seats().get(0).startsWith("P-"))
                .count();
        long seated = buyers.stream()
                .filter(b -> b.intent() == BuyerPlan.Intent.SEATS)
                .count();
        assertThat((double) premium / seated).isBetween(0.25, 0.45);
    }

    @Test
    void spikeArrivesAtTheOpeningAndUniformSpreadsOverTheWindow() {
        BuyerPlan.Mix spike = new BuyerPlan.Mix(0, 0, 0, 0, 20_000, ArrivalShape.SPIKE);
        BuyerPlan.Mix uniform = new BuyerPlan.Mix(0, 0, 0, 0, 20_000, ArrivalShape.UNIFORM);

        assertThat(BuyerPlan.create(1_000, VENUE, spike, 1).buyers())
                .allSatisfy(b -> assertThat(b.arrivalMillis()).isBetween(0L, 99L));
        long lateHalf = BuyerPlan.create(10_000, VENUE, uniform, 1).buyers().stream()
                .filter(b -> b.arrivalMillis() >= 10_000)
                .count();
        assertThat(lateHalf).isBetween(4_700L, 5_300L);
    }

    private static int number(String seatId) {
        return Integer.parseInt(seatId.substring(seatId.lastIndexOf('-') + 1));
    }
}
