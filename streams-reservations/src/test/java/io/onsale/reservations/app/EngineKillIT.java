package io.onsale.reservations.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.testing.RealKafka;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as it runs in production: two processes of {@code engine.jar} (a standby of every task each), killed with
 * SIGKILL in the middle of a sale, not asked to leave; orders arrive in chunks of ten, 100 ms apart, before and right
 * after each kill ({@link KillDrill}). First B is killed and stays dead: A's standbys take B's tasks over (few records
 * restored: the standby was used) once the group notices B is gone. Then A, alone, is killed and restarted at once on
 * its state: a static member takes its own tasks back without waiting for its old session. Afterwards the audit of
 * {@link TwoInstancesFailoverIT}: every order answered once, no unit decision made twice, never a unit held or sold
 * beyond its capacity, one winner a contended seat, nothing dead-lettered. The gaps (the longest an order sent after a
 * kill waited for its answer) are printed; the long version with more kills is {@code ./ticketing bench failover}.
 */
class EngineKillIT {

    @TempDir
    Path stateRoot;

    @Test
    void anEngineKilledMidSaleIsTakenOverAndNothingIsLostOrDecidedTwice() throws Exception {
        try (KillDrill drill =
                new KillDrill("EngineKill", RealKafka.bootstrapServers(), (short) 1, stateRoot, new Random(20261204))) {
            EngineProcess a = drill.engineA();
            EngineProcess b = drill.engineB();
            drill.openTheSale();
            drill.sendThird(0);
            drill.waitFor("the engines are deciding the sale", () -> drill.answered() >= 30);
            String beforeKill = a.restoration();

            // ---- B dies and stays dead: A takes its tasks over from its standbys. Orders keep coming meanwhile.
            long firstKill = b.kill();
            drill.mark("B killed");
            drill.sendThird(1);
            drill.waitFor(
                    "A answers every order sent so far, alone",
                    () -> drill.answeredEverythingSent() && a.ownsAllTasks());
            long firstGap = drill.longestWaitOfOrdersSentAfter(firstKill);
            String afterTakeover = a.restoration();

            // ---- A, now alone, dies and is restarted at once on its state: a static member takes its tasks back.
            long secondKill = a.kill();
            drill.mark("A killed");
            a.start();
            drill.sendThird(2);
            KillDrill.Settled settled = drill.settle();
            long secondGap = drill.longestWaitOfOrdersSentAfter(secondKill);
            System.out.printf(
                    "EngineKillIT: %d orders; gap after a kill without restart %d ms, after a kill and an"
                            + " immediate restart %d ms; A before the first kill: %s; A after taking over: %s; timeline %s%n",
                    drill.orders(),
                    firstGap,
                    secondGap,
                    beforeKill.replace('\n', ' '),
                    afterTakeover.replace('\n', ' '),
                    drill.timeline());

            drill.audit(settled);
            assertThat(counter(beforeKill, "standby-records"))
                    .as("A kept a warm copy of B's tasks")
                    .isPositive();
            assertThat(counter(afterTakeover, "restored-records") - counter(beforeKill, "restored-records"))
                    .as("taking B's tasks over replayed only what the standby had not applied yet, not B's changelogs")
                    .isLessThan(counter(afterTakeover, "standby-records"));
        }
    }

    private static long counter(String restoration, String name) {
        return restoration
                .lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToLong(
                        line -> Long.parseLong(line.substring(name.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }
}
