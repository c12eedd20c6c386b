package io.onsale.reservations.app;

import io.onsale.kafka.testing.BrokerCluster;
import io.onsale.kafka.topics.TopicSpec;
import io.onsale.kafka.topics.Topics;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker killed with SIGKILL in the middle of a sale, on three real broker processes ({@link BrokerCluster}: every
 * topic replicated 3 times, 2 in sync needed for a write), with the two {@code engine.jar} processes and the orders of
 * {@link KillDrill}. The broker killed is the one that leads most partitions of the topics an order crosses; orders keep
 * coming while it is away, and every one of them must be answered by the two survivors. It is then restarted on its own
 * data and ports, and the last orders are sent once it is back in every partition's in-sync replicas. Afterwards the
 * audit of {@link KillDrill}: nothing lost, nothing decided twice, nothing oversold, nothing dead-lettered. The gap (the
 * longest an order sent after the kill waited for its answer) and how long the restarted broker took to catch up are
 * printed, not asserted; the long version through the edges is {@code ./ticketing bench failover}.
 */
class BrokerKillIT {

    @TempDir
    Path root;

    @Test
    void aBrokerKilledMidSaleIsReplacedAsLeaderAndTheSaleGoesOnWithNothingLostOrDecidedTwice() throws Exception {
        try (BrokerCluster brokers =
                        BrokerCluster.start(3, root.resolve("kafka"), KillDrill.logDirectory("BrokerKill"));
                KillDrill drill = new KillDrill(
                        "BrokerKill",
                        brokers.bootstrapServers(),
                        (short) 3,
                        root.resolve("engines"),
                        new Random(20261205))) {
            drill.openTheSale();
            drill.sendThird(0);
            drill.waitFor("the engines are deciding the sale", () -> drill.answered() >= 30);
            // The kill's orders must not queue behind the first third's: on a loaded machine that backlog took 20 s to
            // drain, and the gap measured it instead of the failover.
            drill.waitFor("every order of the first third is answered", drill::answeredEverythingSent);

            // ---- the broker that leads most of the order path dies; orders keep coming, the survivors take over.
            Map.Entry<Integer, Long> busiest = brokers.leaderships(orderPath(drill.topics())).entrySet().stream()
                    .max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .orElseThrow();
            int victim = busiest.getKey();
            boolean controller = brokers.activeController() == victim;
            long killed;
            try (AutoCloseable probe = OffsetProbe.start(
                    brokers.bootstrapServers(), orderPath(drill.topics()), 4, OffsetProbe.origin = System.nanoTime())) {
                killed = brokers.kill(victim);
                OffsetProbe.dumpThreads(
                        List.of(drill.engineA(), drill.engineB()),
                        KillDrill.logDirectory("BrokerKill"),
                        3,
                        5,
                        7,
                        9,
                        11,
                        13,
                        15);
                OffsetProbe.print(
                        "broker " + victim + " killed, " + (controller ? "" : "not ") + "the active controller");
                drill.mark("broker " + victim + " killed");
                drill.sendThird(1);
                drill.waitFor(
                        "every order sent so far is answered without broker " + victim, drill::answeredEverythingSent);
                OffsetProbe.print("every order sent so far is answered");
            }
            long gap = drill.longestWaitOfOrdersSentAfter(killed);
            long before = drill.longestWaitOfOrdersSentBefore(killed);
            String answersAfterKill = drill.answersBySecondSentAfter(killed);

            // ---- it comes back on its own data and ports, and catches up before the last orders.
            long restarted = System.nanoTime();
            brokers.start(victim);
            drill.mark("broker " + victim + " restarted");
            drill.waitFor(
                    "broker " + victim + " is back in the in-sync replicas of every partition",
                    () -> brokers.inSyncEverywhere(victim));
            long inSync = (System.nanoTime() - restarted) / 1_000_000;
            drill.sendThird(2);
            KillDrill.Settled settled = drill.settle();
            System.out.printf(
                    "BrokerKillIT: %d orders; gap after kill -9 of broker %d (leader of %d partitions) %d ms;"
                            + " orders sent before the kill waited at most %d ms; restarted broker in sync after %d ms; it was"
                            + " %sthe active controller; engines still running"
                            + " afterwards: a %s, b %s; orders sent after the kill: %s; timeline %s%n",
                    drill.orders(),
                    victim,
                    busiest.getValue(),
                    gap,
                    before,
                    inSync,
                    controller ? "" : "not ",
                    drill.engineA().healthy(),
                    drill.engineB().healthy(),
                    answersAfterKill,
                    drill.timeline());

            drill.audit(settled);
        }
    }

    /** The topics an order crosses, from the buyer's command to its answer. */
    private static List<String> orderPath(Topics topics) {
        return List.of(
                        topics.orderRequests(),
                        topics.holdRequests(),
                        topics.reservationRequests(),
                        topics.reservationEvents(),
                        topics.orderEvents())
                .stream()
                .map(TopicSpec::name)
                .toList();
    }
}
