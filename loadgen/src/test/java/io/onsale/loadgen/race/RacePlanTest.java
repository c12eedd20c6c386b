package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.EventConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RacePlanTest {

    private static final List<String> EIGHT_SEATS =
            DemoEvent.layout(8).stream().map(EventConfig.Seat::seatId).toList();

    @Test
    void everySeatIsContendedByBuyersOverSeatsBuyers() {
        RacePlan plan = RacePlan.create(EIGHT_SEATS, 40, 42L);

        Map<String, List<String>> contenders = plan.contendersBySeat();
        assertThat(contenders.keySet()).containsExactlyElementsOf(EIGHT_SEATS);
        assertThat(contenders.values()).allSatisfy(buyers -> assertThat(buyers).hasSize(5));
    }

    @Test
    void unevenSplitDiffersByAtMostOneContender() {
        RacePlan plan = RacePlan.create(EIGHT_SEATS, 43, 7L);

        assertThat(plan.contendersBySeat().values())
                .allSatisfy(buyers -> assertThat(buyers.size()).isBetween(5, 6));
        assertThat(plan.attempts()).hasSize(43);
    }

    @Test
    void eachBuyerAsksOnceWithNumberedIds() {
        RacePlan plan = RacePlan.create(EIGHT_SEATS, 40, 1L);

        List<String> buyers =
                plan.attempts().stream().map(RacePlan.Attempt::buyerId).toList();
        assertThat(buyers)
                .doesNotHaveDuplicates()
                .startsWith("buyer-01", "buyer-02")
                .endsWith("buyer-40");
        assertThat(RacePlan.buyerId(7, 250)).isEqualTo("buyer-007");
    }

    @Test
    void sameSeedSamePlanAndAnotherSeedShufflesDifferently() {
        assertThat(RacePlan.create(EIGHT_SEATS, 40, 99L).attempts())
                .isEqualTo(RacePlan.create(EIGHT_SEATS, 40, 99L).attempts());
        assertThat(RacePlan.create(EIGHT_SEATS, 40, 99L).attempts())
                .isNotEqualTo(RacePlan.create(EIGHT_SEATS, 40, 100L).attempts());
    }

    @Test
    void seatChoiceIsNotSimplyBuyerNumberModuloSeats() {
        RacePlan plan = RacePlan.create(EIGHT_SEATS, 40, 5L);

        long roundRobin = 0;
        for (int i = 0; i < plan.attempts().size(); i++) {
            if (plan.attempts().get(i).seatId().equals(EIGHT_SEATS.get(i % 8))) {
                roundRobin++;
            }
        }
        assertThat(roundRobin).isLessThan(40);
    }

    @Test
    void buyersLineUpAtTheGateInAShuffledButReproducibleOrder() {
        RacePlan plan = RacePlan.create(EIGHT_SEATS, 40, 11L);

        assertThat(plan.releaseOrder())
                .containsExactlyInAnyOrderElementsOf(plan.attempts())
                .isNotEqualTo(plan.attempts())
                .isEqualTo(RacePlan.create(EIGHT_SEATS, 40, 11L).releaseOrder());
    }
}
