package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.ScriptedEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The race end to end against {@link ScriptedEdge} on loopback: HTTP, start gate, pending retries, audit, exit code. */
class RaceCommandTest {

    private ScriptedEdge edge;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        edge = new ScriptedEdge();
        // An edge whose read side lags the configuration and that makes some buyers wait for their decision.
        edge.invisibleFor = 3;
        edge.pendingEvery = 3;
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    private int race(String... extra) {
        CommandLine commandLine = new CommandLine(new RaceCommand(Map.of(), Clock.systemUTC()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] args = new String[extra.length + 4];
        args[0] = "--edge";
        args[1] = edge.uri().toString();
        args[2] = "--event";
        args[3] = "race-test";
        System.arraycopy(extra, 0, args, 4, extra.length);
        return commandLine.execute(args);
    }

    @Test
    void cleanRaceWinsEverySeatOnceAndPassesTheAudit() {
        int exit = race("--buyers", "40", "--seats", "8", "--seed", "42");

        assertThat(exit).as(out + "\n" + err).isZero();
        String printed = out.toString();
        assertThat(printed)
                .contains("race  edge " + edge.uri() + "  event race-test  buyers 40  seats 8  seed 42")
                .contains("event race-test: ACCEPTED")
                .contains("seat   winner")
                .containsPattern("A-1-8  buyer-\\d\\d +5 +4  SEAT_TAKEN x4")
                .containsPattern("held \\(201\\) +8\n")
                .containsPattern("rejected \\(409\\) +32  SEAT_TAKEN x32")
                .containsPattern("pending, then resolved +13\n")
                .containsPattern("other errors +0\n")
                .contains("audit: seat map of section A: 8 HELD, 0 SOLD, 0 AVAILABLE")
                .contains("oversold: 0")
                .endsWith("AUDIT PASSED" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
        // The event was polled until visible rather than assumed ready.
        assertThat(edge.eventGets.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void pendingOrdersAreRetriedWithTheSameKeyAndDecidedOnce() {
        race("--buyers", "12", "--seats", "4", "--seed", "1");

        List<String> keys = edge.orderKeysInArrivalOrder;
        assertThat(keys.stream().distinct().count()).isEqualTo(12);
        assertThat(keys).hasSize(12 + 4);
        assertThat(edge.decisionsByKey.values())
                .allSatisfy(decisions -> assertThat(decisions).isEqualTo(1));
    }

    @Test
    void oversellingEdgeFailsTheAuditWithExitOne() {
        edge.oversell = true;

        int exit = race("--buyers", "10", "--seats", "2", "--seed", "3");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("oversold: 2")
                .contains("AUDIT FAILED")
                .containsPattern("A-1-1 is oversold: 5 buyers were told 201");
    }

    @Test
    void phantomHoldFailsTheAudit() {
        edge.phantomSeat = "A-1-9";

        int exit = race("--buyers", "8", "--seats", "4");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .contains("oversold: 0")
                .contains("the seat map shows 5 seat(s) HELD or SOLD but 4 order(s) were answered 201");
    }

    @Test
    void ordersWithoutADecisionMakeTheRaceInconclusiveWithExitTwo() {
        edge.pendingEvery = 0;
        edge.failEvery = 5;

        int exit = race("--buyers", "20", "--seats", "4", "--seed", "9");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString())
                .containsPattern("other errors +4  HTTP 503 x4")
                .contains("AUDIT INCONCLUSIVE: 4 of 20 orders got no decision (HTTP 503 x4)")
                .doesNotContain("AUDIT PASSED");
    }

    @Test
    void unreachableEdgeExitsTwoWithAClearMessage() {
        CommandLine commandLine = new CommandLine(new RaceCommand(Map.of(), Clock.systemUTC()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("--edge", "http://127.0.0.1:1", "--timeout", "2s");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("edge unreachable at http://127.0.0.1:1");
    }

    @Test
    void wrongSecretIsReportedAsAnEdgeProblemWithAHint() {
        int exit = race("--secret", "not-the-secret-the-edge-uses-0123456789");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("401").contains("--secret");
    }

    @Test
    void reusedEventWithHeldSeatsIsRefusedBeforeTheRace() {
        assertThat(race("--buyers", "2", "--seats", "1")).isZero();

        int exit = race("--buyers", "2", "--seats", "1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("already has 1 seat(s) not AVAILABLE before the race (A-1-1)")
                .contains("new --event");
    }

    @Test
    void optionsAreValidated() {
        assertThat(race("--buyers", "3", "--seats", "8")).isEqualTo(2);
        assertThat(err.toString()).contains("--buyers must be between --seats (8) and 500");
        assertThat(race("--timeout", "0s")).isEqualTo(2);
        assertThat(new CommandLine(new RaceCommand(Map.of(), Clock.systemUTC()))
                        .setErr(new PrintWriter(new StringWriter()))
                        .execute("--event", "../admin"))
                .isEqualTo(2);
    }
}
