package io.onsale.reservations.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers of ADR 0018: a seat's cooldown per releasing buyer, and a buyer's releases in a sliding window. */
class ReleasePolicyTest {

    private static final Instant OPEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WINDOW = ReleasePolicy.RELEASE_WINDOW;

    @Test
    void newHoldsAreRefusedOnceTheLimitOfReleasesFallsWithinTheWindowUntilTheOldestLeavesIt() {
        List<Instant> releases = List.of();
        releases = ReleasePolicy.rememberRelease(releases, OPEN);
        releases = ReleasePolicy.rememberRelease(releases, OPEN.plus(Duration.ofMinutes(10)));
        assertThat(ReleasePolicy.holdsRefusedUntil(releases, OPEN.plus(Duration.ofMinutes(10))))
                .as("two are allowed")
                .isEmpty();

        releases = ReleasePolicy.rememberRelease(releases, OPEN.plus(Duration.ofMinutes(20)));

        assertThat(ReleasePolicy.holdsRefusedUntil(releases, OPEN.plus(Duration.ofMinutes(20))))
                .contains(OPEN.plus(WINDOW));
        assertThat(ReleasePolicy.holdsRefusedUntil(releases, OPEN.plus(WINDOW).minusMillis(1)))
                .contains(OPEN.plus(WINDOW));
        assertThat(ReleasePolicy.holdsRefusedUntil(releases, OPEN.plus(WINDOW)))
                .as("the oldest left the window")
                .isEmpty();
    }

    @Test
    void theBuyersRecordKeepsOnlyTheReleasesThatCanStillMatterAtMostTheLimit() {
        List<Instant> releases = List.of();
        for (int minute = 0; minute < 10; minute++) {
            releases = ReleasePolicy.rememberRelease(releases, OPEN.plus(Duration.ofMinutes(minute)));
        }
        assertThat(releases)
                .hasSize(ReleasePolicy.RELEASE_LIMIT)
                .containsExactly(
                        OPEN.plus(Duration.ofMinutes(7)),
                        OPEN.plus(Duration.ofMinutes(8)),
                        OPEN.plus(Duration.ofMinutes(9)));

        List<Instant> muchLater =
                ReleasePolicy.rememberRelease(releases, OPEN.plus(WINDOW).plus(Duration.ofMinutes(30)));
        assertThat(muchLater)
                .as("those out of the window are dropped")
                .containsExactly(OPEN.plus(WINDOW).plus(Duration.ofMinutes(30)));
    }

    @Test
    void releasesRecordedOutOfOrderAreKeptInTimeOrder() {
        List<Instant> releases = ReleasePolicy.rememberRelease(List.of(OPEN.plusSeconds(30)), OPEN.plusSeconds(10));

        assertThat(releases).containsExactly(OPEN.plusSeconds(10), OPEN.plusSeconds(30));
    }

    /** The figures of ADR 0018's table, for the policy in force. */
    @Test
    void aLoopAtTheDefaultHoldWindowsPaceKeepsTicketsHalfTheTimeAndAFastOneAlmostNever() {
        Duration sale = Duration.ofHours(3);

        Loop slow = loop(Duration.ofMinutes(10).minusSeconds(5), sale);
        Loop fast = loop(Duration.ofSeconds(10), sale);

        assertThat(slow.holds()).isEqualTo(9);
        assertThat(slow.share(sale)).isCloseTo(0.50, org.assertj.core.data.Offset.offset(0.01));
        assertThat(fast.holds()).isEqualTo(9);
        assertThat(fast.share(sale)).isLessThan(0.01);
        System.out.printf(
                "3-hour sale: a looper giving up each hold after %s keeps tickets %.0f%% of the time (%d holds), "
                        + "one giving up after %s %.1f%% (%d holds)%n",
                Duration.ofMinutes(10).minusSeconds(5),
                slow.share(sale) * 100,
                slow.holds(),
                Duration.ofSeconds(10),
                fast.share(sale) * 100,
                fast.holds());
    }

    private record Loop(int holds, Duration held) {
        double share(Duration sale) {
            return (double) held.toMillis() / sale.toMillis();
        }
    }

    /** A buyer that holds as soon as the policy lets it and gives the hold up after {@code keep}, for {@code sale}. */
    private static Loop loop(Duration keep, Duration sale) {
        Instant end = OPEN.plus(sale);
        Instant at = OPEN;
        List<Instant> releases = List.of();
        int holds = 0;
        Duration held = Duration.ZERO;
        while (at.isBefore(end)) {
            var refusedUntil = ReleasePolicy.holdsRefusedUntil(releases, at);
            if (refusedUntil.isPresent()) {
                at = refusedUntil.get();
                continue;
            }
            Instant givenUp = at.plus(keep).isBefore(end) ? at.plus(keep) : end;
            holds++;
            held = held.plus(Duration.between(at, givenUp));
            releases = ReleasePolicy.rememberRelease(releases, givenUp);
            at = givenUp;
        }
        return new Loop(holds, held);
    }

    @Test
    void aSeatsCooldownIsPerBuyerAndEndsAfterTheCooldown() {
        List<Releaser> releasers = ReleasePolicy.rememberReleaser(List.of(), "alice", OPEN);

        assertThat(ReleasePolicy.cooldownEnds(releasers, "alice", OPEN.plusSeconds(1)))
                .contains(OPEN.plus(ReleasePolicy.SEAT_COOLDOWN));
        assertThat(ReleasePolicy.cooldownEnds(releasers, "bob", OPEN.plusSeconds(1)))
                .isEmpty();
        assertThat(ReleasePolicy.cooldownEnds(releasers, "alice", OPEN.plus(ReleasePolicy.SEAT_COOLDOWN)))
                .isEmpty();
    }

    @Test
    void aBuyerGivingTheSameSeatUpAgainRestartsItsCooldownAndEndedCooldownsAreDropped() {
        List<Releaser> releasers = ReleasePolicy.rememberReleaser(List.of(), "alice", OPEN);
        releasers = ReleasePolicy.rememberReleaser(releasers, "bob", OPEN.plusSeconds(60));
        releasers = ReleasePolicy.rememberReleaser(releasers, "alice", OPEN.plusSeconds(90));
        assertThat(releasers)
                .containsExactly(
                        new Releaser("bob", OPEN.plusSeconds(60)), new Releaser("alice", OPEN.plusSeconds(90)));

        releasers = ReleasePolicy.rememberReleaser(releasers, "carol", OPEN.plusSeconds(200));
        assertThat(releasers)
                .as("bob's cooldown ended at 180 s")
                .containsExactly(
                        new Releaser("alice", OPEN.plusSeconds(90)), new Releaser("carol", OPEN.plusSeconds(200)));
    }
}
