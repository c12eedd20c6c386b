package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onsale.loadgen.client.ScriptedEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole simulation against {@link ScriptedEdge} on loopback: flow, counts, report, audit and exit codes. */
class SimulateCommandTest {

    private ScriptedEdge edge;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        edge = new ScriptedEdge();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    private int simulate(String... extra) {
        CommandLine commandLine = new CommandLine(new SimulateCommand(Map.of(), Clock.systemUTC()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of(
                "--edge",
                edge.uri().toString(),
                "--event",
                "sim-test",
                "--pre-open",
                "500ms",
                "--arrival-seconds",
                "1",
                "--think-time",
                "20ms",
                "--progress-every",
                "200ms",
                "--setup-margin",
                "100ms",
                "--settle",
                "1s"));
        args.addAll(List.of(extra));
        return commandLine.execute(args.toArray(String[]::new));
    }

    @Test
    void aRaceForMoreBuyersThanSeatsSellsOutAndPassesTheAuditWithAJsonReport() throws Exception {
        Path json = dir.resolve("report.json");

        int exit = simulate(
                "--buyers",
                "300",
                "--seats",
                "100",
                "--seed",
                "5",
                "--abandon-rate",
                "0.3",
                "--admit-rate",
                "100",
                "--decline-rate",
                "0.3",
                "--out",
                json.toString());

        String printed = out.toString();
        assertThat(exit).as(printed + err).isZero();
        assertThat(printed)
                .contains("simulate  edge " + edge.uri() + "  event sim-test  buyers 300  seats 100")
                .contains("waiting room on (admit 100/s")
                .containsPattern("hold +\\d+ ")
                .containsPattern("queue wait \\(to ADMITTED\\) +\\d+ ")
                .containsPattern("payment +\\d+ ")
                .containsPattern("rejected \\(409\\) +\\d+  .*SEAT_TAKEN x\\d+")
                .containsPattern("alternatives taken +[1-9]")
                .containsPattern("holds cancelled \\(DELETE\\) +[1-9]")
                .containsPattern("of those, waited \\(not admitted when they joined\\) +[1-9]")
                .containsPattern("orders paid: CONFIRMED \\(200\\) +[1-9]")
                .containsPattern("payments declined \\(402\\) +[1-9]")
                .containsPattern("sold out \\(every ticket sold or held\\) at \\+")
                .contains("AUDIT PASSED");
        assertThat(err.toString()).contains("arrived 300/300");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("audit").path("passed").asBoolean()).isTrue();
        assertThat(report.path("counts").path("arrived").asInt()).isEqualTo(300);
        assertThat(report.path("counts").path("finished").asInt()).isEqualTo(300);
        assertThat(report.path("latencyMillis").path("hold").path("p99").isNumber())
                .isTrue();
        assertThat(report.path("sale").path("ticketsHeldPerSecond").size()).isPositive();
        assertThat(report.path("machine").path("availableProcessors").asInt()).isPositive();
        // Nothing oversold: what is live in the end fits in the venue.
        assertThat(report.path("audit").path("liveTickets").asInt()).isLessThanOrEqualTo(100);
        // Everybody queued and was admitted in order; those admitted paid, and what they paid for is sold.
        assertThat(report.path("counts").path("queue_joined").asInt()).isEqualTo(300);
        assertThat(report.path("counts").path("queue_admitted").asInt()
                        + report.path("counts").path("queue_sold_out").asInt())
                .isEqualTo(300);
        assertThat(report.path("audit").path("admissionsChecked").asInt()).isPositive();
        assertThat(report.path("audit").path("confirmedTickets").asInt())
                .isEqualTo(report.path("sale").path("ticketsSold").asInt())
                .isPositive();
        assertThat(report.path("latencyMillis").path("queue_wait").path("p99").isNumber())
                .isTrue();
        assertThat(edge.statusPolls.get()).isPositive();
        // Admitted buyers who gave up holding nothing handed their shopper slot back, once each.
        assertThat(edge.queueLeaves.get())
                .isPositive()
                .isLessThanOrEqualTo(report.path("counts").path("gave_up").asInt());
        assertThat(sum(report.path("sale").path("ticketsSoldPerSecond")))
                .isEqualTo(report.path("sale").path("ticketsSold").asLong());
        assertThat(sum(report.path("sale").path("ticketsHeldPerSecond")))
                .isEqualTo(report.path("counts").path("tickets_held").asLong());
        // Sampled until the last buyer finished: by then nobody is left in the room.
        JsonNode queueLength = report.path("sale").path("queueLengthPerSecond");
        assertThat(queueLength.size()).isPositive();
        assertThat(queueLength.get(queueLength.size() - 1).asLong()).isZero();
    }

    @Test
    void buyersToldSoldOutInTheWaitingRoomLeaveWithThatOutcome() throws Exception {
        Path json = dir.resolve("sold-out.json");
        edge.soldOutBelow = 6;

        // Admission well below how fast even a slow machine lets buyers join: most are still waiting at the sell-out.
        int exit = simulate(
                "--buyers",
                "200",
                "--seats",
                "20",
                "--seed",
                "6",
                "--admit-rate",
                "5",
                "--abandon-rate",
                "0",
                "--out",
                json.toString());

        assertThat(exit).as(out.toString() + err).isZero();
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("counts").path("queue_sold_out").asInt())
                .as("%s", out)
                .isPositive();
        assertThat(report.path("sale").path("queueSoldOutAfterMillis").asLong()).isNotNegative();
        // Admitting 5 a second, many of the 200 wait in the room for a while; none are left at the end.
        JsonNode queueLength = report.path("sale").path("queueLengthPerSecond");
        assertThat(max(queueLength)).as("%s", queueLength).isGreaterThan(20).isLessThanOrEqualTo(200);
        assertThat(queueLength.get(queueLength.size() - 1).asLong()).isZero();
        assertThat(out.toString())
                .containsPattern(
                        "waiting room: 200 joined, \\d+ waited, \\d+ admitted .*, [1-9]\\d* told" + " SOLD_OUT");
    }

    private static long sum(JsonNode series) {
        long sum = 0;
        for (JsonNode n : series) {
            sum += n.asLong();
        }
        return sum;
    }

    private static long max(JsonNode series) {
        long max = 0;
        for (JsonNode n : series) {
            max = Math.max(max, n.asLong());
        }
        return max;
    }

    @Test
    void withTheQueueAndPaymentsOffBuyersOrderWithoutJoiningAndKeepTheirHolds() {
        int exit = simulate("--buyers", "60", "--seats", "40", "--seed", "7", "--queue", "off", "--payments", "off");

        assertThat(exit).as(out.toString() + err).isZero();
        assertThat(edge.statusPolls.get()).isZero();
        assertThat(edge.payments.get()).isZero();
        assertThat(out.toString())
                .contains("waiting room off  payments off")
                .containsPattern("holds kept without paying \\(--payments off\\) +[1-9]");
    }

    @Test
    void admissionsOutOfPositionOrderFailTheAudit() {
        edge.admitFirstLast = true;

        int exit = simulate("--buyers", "120", "--seats", "200", "--seed", "8", "--admit-rate", "40");

        assertThat(exit).as(out.toString() + err).isEqualTo(SimulateCommand.AUDIT_FAILED);
        assertThat(out.toString()).contains("admitted out of position order: ").contains("(position 1,");
    }

    @Test
    void aConfirmedOrderWhoseSeatsAreNotSoldFailsTheAudit() {
        edge.confirmWithoutSelling = true;

        int exit = simulate(
                "--buyers",
                "40",
                "--seats",
                "100",
                "--seed",
                "9",
                "--ga-share",
                "0",
                "--abandon-rate",
                "0",
                "--admit-rate",
                "200");

        assertThat(exit).as(out.toString() + err).isEqualTo(SimulateCommand.AUDIT_FAILED);
        assertThat(out.toString()).containsPattern("seat\\(s\\) of CONFIRMED orders not SOLD in the seat map");
    }

    @Test
    void pendingAnswersAreAskedAgainWithTheSameKeyAndEveryOrderEndsDecided() {
        edge.pendingEvery = 3;

        int exit = simulate("--buyers", "60", "--seats", "40", "--seed", "2", "--admit-rate", "200");

        assertThat(exit).as(out.toString() + err).isZero();
        assertThat(out.toString())
                .containsPattern("pending answers \\(202\\), retried with the same key +[1-9]")
                .containsPattern("orders without a decision when the buyer stopped +0");
    }

    @Test
    void anOversellingEdgeFailsTheAuditWithExitOne() {
        edge.oversell = true;

        int exit = simulate(
                "--buyers",
                "200",
                "--seats",
                "40",
                "--ga-share",
                "0",
                "--best-available-share",
                "0",
                "--ga-order-share",
                "0",
                "--seed",
                "3",
                "--queue",
                "off");

        assertThat(exit).as(out.toString() + err).isEqualTo(SimulateCommand.AUDIT_FAILED);
        assertThat(out.toString()).contains("AUDIT FAILED").containsPattern("seat .* is in two live orders");
    }

    @Test
    void aSeatHeldForNobodyFailsTheAudit() {
        edge.phantomSeat = "C-1-1";

        int exit = simulate("--buyers", "20", "--seats", "100", "--seed", "4");

        assertThat(exit).isEqualTo(SimulateCommand.AUDIT_FAILED);
        assertThat(out.toString()).contains("section C: 1 seat(s) HELD or SOLD although no buyer was told so: C-1-1");
    }

    @Test
    void anUnreachableEdgeOrBadOptionsCannotRun() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CommandLine commandLine = new CommandLine(new SimulateCommand(Map.of(), Clock.systemUTC()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int unreachable =
                commandLine.execute("--edge", "http://127.0.0.1:" + closedPort, "--buyers", "1", "--seats", "1");
        int badShare = simulate("--abandon-rate", "1.5");
        int badPreset = simulate("--preset", "huge");
        int badQueue = simulate("--queue", "maybe");

        assertThat(unreachable).isEqualTo(SimulateCommand.COULD_NOT_RUN);
        assertThat(err.toString())
                .contains("edge unreachable at http://127.0.0.1:" + closedPort)
                .contains("--abandon-rate must be between 0 and 1")
                .contains("--preset must be demo, small, medium or large")
                .contains("--queue must be on or off");
        assertThat(badShare).isEqualTo(SimulateCommand.COULD_NOT_RUN);
        assertThat(badPreset).isEqualTo(SimulateCommand.COULD_NOT_RUN);
        assertThat(badQueue).isEqualTo(SimulateCommand.COULD_NOT_RUN);
    }

    @Test
    void presetsSetTheSizeAndExplicitOptionsWin() {
        SimulateCommand command = new SimulateCommand(Map.of(), Clock.systemUTC());
        new CommandLine(command).parseArgs("--preset", "large", "--seats", "60000");

        Simulation.Settings settings = command.settings();

        assertThat(settings.buyers()).isEqualTo(100_000);
        assertThat(settings.seats()).isEqualTo(60_000);
        assertThat(settings.maxInFlight()).isEqualTo(4_096);
        assertThat(settings.mix().arrivalWindowMillis()).isEqualTo(30_000);
        assertThat(settings.waitingRoom()).isEqualTo(new WaitingRoomPlan(true, 12_000, 6_000, 120_000));
    }

    @Test
    void theDemoPresetIsSmallAndGoesThroughTheWaitingRoomAndPays() {
        SimulateCommand command = new SimulateCommand(Map.of(), Clock.systemUTC());
        new CommandLine(command).parseArgs("--preset", "demo", "--admit-rate", "7");

        Simulation.Settings settings = command.settings();

        assertThat(settings.buyers()).isEqualTo(600);
        assertThat(settings.seats()).isEqualTo(300);
        assertThat(settings.waitingRoom().enabled()).isTrue();
        assertThat(settings.waitingRoom().admitRatePerSecond()).isEqualTo(7);
        assertThat(settings.waitingRoom().activeShoppers()).isEqualTo(600);
        assertThat(settings.behaviour().payments()).isTrue();
    }
}
