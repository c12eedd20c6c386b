package io.onsale.organizer.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.organizer.Cli;
import io.onsale.organizer.Exit;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each live command sends to the edge's organizer API, and how it shows the answer. */
class LiveCommandsTest {

    private static final String TOKEN = "organizer-token";
    private static final String POLICY_CHANGED = """
            {"eventId":"gala","policy":{"activationThreshold":500,"maxAdmitRatePerSecond":50,"targetActiveShoppers":800,
             "purchaseWindowMinutes":10},"paused":true}""";

    private FakeEdge edge;

    @BeforeEach
    void start() throws Exception {
        edge = new FakeEdge();
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void pauseSendsPausedTrueToTheQueueWithTheOrganizersToken() {
        edge.answers(200, POLICY_CHANGED);

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "pause", "gala", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(edge.requests())
                .containsExactly(new FakeEdge.Request(
                        "PATCH",
                        "/api/admin/events/gala/queue",
                        "Bearer " + TOKEN,
                        null,
                        "application/json",
                        "{\"paused\":true}"));
        assertThat(run.out())
                .isEqualTo("waiting room of 'gala': PAUSED (nobody is admitted); at most 50 admitted/s, target"
                        + " 800 active shoppers, queue from 500 shoppers, purchase window 10 min\n");
    }

    @Test
    void resumeSendsPausedFalseAndTheTokenOptionWinsOverTheEnvironment() {
        edge.answers(200, POLICY_CHANGED.replace("\"paused\":true", "\"paused\":false"));

        Cli.Run run = Cli.run(
                Map.of("ONSALE_TOKEN", "someone-else", "ONSALE_EDGE_URL", edge.url()),
                "resume",
                "gala",
                "--token",
                TOKEN);

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(edge.requests()).singleElement().satisfies(request -> {
            assertThat(request.body()).isEqualTo("{\"paused\":false}");
            assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        });
        assertThat(run.out()).startsWith("waiting room of 'gala': admitting (not paused);");
    }

    @Test
    void queueSendsOnlyThePolicyFieldsGiven() {
        edge.answers(200, POLICY_CHANGED);

        Cli.Run run =
                Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "queue", "gala", "--admit-rate", "50", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(edge.requests())
                .singleElement()
                .extracting(FakeEdge.Request::body)
                .isEqualTo("{\"maxAdmitRatePerSecond\":50}");
    }

    @Test
    void queueWithNothingToChangeOrBelowOneIsAUsageErrorAndSendsNothing() {
        Cli.Run nothing = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "queue", "gala", "--edge", edge.url());
        Cli.Run zero =
                Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "queue", "gala", "--target-shoppers", "0", "--edge", edge.url());

        assertThat(nothing.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(nothing.err()).startsWith("give --admit-rate, --target-shoppers or both");
        assertThat(zero.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(zero.err()).startsWith("--target-shoppers must be 1 or more, got 0");
        assertThat(edge.requests()).isEmpty();
    }

    @Test
    void aPendingQueueChangeSaysSoAndIsNotAnError() {
        edge.answers(202, "{\"status\":\"PENDING\",\"detail\":\"The waiting room has not answered yet.\"}");

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "pause", "gala", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(run.out()).startsWith("PENDING: the waiting room of 'gala' has not confirmed yet");
    }

    @Test
    void capacitySendsTheZonesWithIfMatchAndShowsTheNewVersion() {
        edge.answers(
                        200,
                        "{\"eventId\":\"gala\",\"status\":\"READY\",\"killed\":[],\"restored\":[],"
                                + "\"capacity\":{\"FLOOR-1\":500}}")
                .withHeaders(Map.of("ETag", "\"v2\""));

        Cli.Run run = Cli.run(
                Map.of("ONSALE_TOKEN", TOKEN),
                "capacity",
                "gala",
                "FLOOR-1=500",
                "--if-match",
                "\"v1\"",
                "--edge",
                edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(edge.requests())
                .containsExactly(new FakeEdge.Request(
                        "PATCH",
                        "/api/admin/events/gala/inventory",
                        "Bearer " + TOKEN,
                        "\"v1\"",
                        "application/json",
                        "{\"capacity\":{\"FLOOR-1\":500}}"));
        assertThat(run.out()).isEqualTo("inventory of 'gala': READY; capacity {\"FLOOR-1\":500}; version \"v2\"\n");
    }

    @Test
    void inventorySendsKillsRestoresAndCapacitiesInOneChange() {
        edge.answers(
                200,
                "{\"eventId\":\"gala\",\"status\":\"READY\",\"killed\":[\"A-1-1\",\"A-1-2\"],"
                        + "\"restored\":[\"A-1-3\"],\"capacity\":{}}");

        Cli.Run run = Cli.run(
                Map.of("ONSALE_TOKEN", TOKEN),
                "inventory",
                "gala",
                "--kill",
                "A-1-1,A-1-2",
                "--restore",
                "A-1-3",
                "--edge",
                edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(edge.requests())
                .singleElement()
                .extracting(FakeEdge.Request::body)
                .isEqualTo("{\"kill\":[\"A-1-1\",\"A-1-2\"],\"restore\":[\"A-1-3\"]}");
        assertThat(run.out())
                .isEqualTo(
                        "inventory of 'gala': READY; off sale [\"A-1-1\",\"A-1-2\"]; back on sale" + " [\"A-1-3\"]\n");
    }

    @Test
    void aProblemAnswerIsPrintedAsASentenceWithItsReasonAndExitsOne() {
        edge.answers(409, """
                {"type":"urn:onsale:problem:capacity-below-taken","title":"Capacity below what is taken","status":409,
                 "detail":"Section FLOOR would have 100 tickets, but 150 are held or sold; nothing was changed.",
                 "reason":"CAPACITY_BELOW_TAKEN","sectionId":"FLOOR","taken":150,"capacity":100}""");

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "capacity", "gala", "FLOOR-1=100", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err())
                .isEqualTo("refused: 409 Capacity below what is taken: Section FLOOR would have 100 tickets,"
                        + " but 150 are held or sold; nothing was changed.\n  reason: CAPACITY_BELOW_TAKEN\n");
    }

    @Test
    void aProblemsFieldErrorsAreListedOnePerLine() {
        edge.answers(422, """
                {"type":"urn:onsale:problem:invalid-inventory-change","title":"Unprocessable Entity","status":422,
                 "detail":"The change has 1 problem(s): kill[0]: no seat or zone 'Z-9' in the event",
                 "errors":[{"field":"kill[0]","message":"no seat or zone 'Z-9' in the event"}]}""");

        Cli.Run run =
                Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "inventory", "gala", "--kill", "Z-9", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err()).endsWith("\n  kill[0]: no seat or zone 'Z-9' in the event\n");
    }

    @Test
    void aRefusedTokenSaysWhatATokenNeeds() {
        edge.answers(403, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"Access denied\"}");

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", "a-buyers-token"), "pause", "gala", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.REFUSED);
        assertThat(run.err())
                .isEqualTo("refused: 403 Forbidden: Access denied\n"
                        + "  the token is not an organizer's: its roles claim must include ORGANIZER\n");
    }

    @Test
    void anEdgeErrorIsUnavailableNotRefused() {
        edge.answers(503, "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"overloaded\"}");

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "resume", "gala", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(run.err()).isEqualTo("edge error: 503 Service Unavailable: overloaded\n");
    }

    @Test
    void withoutATokenNothingIsSent() {
        Cli.Run run = Cli.run(Map.of(), "pause", "gala", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(run.err()).startsWith("an organizer token is needed: --token JWT or ONSALE_TOKEN");
        assertThat(edge.requests()).isEmpty();
    }

    @Test
    void noEdgeIsUnavailableAndSaysHowToStartOne() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "figures", "gala", "--edge", "http://127.0.0.1:" + nobody);

        assertThat(run.exitCode()).isEqualTo(Exit.UNAVAILABLE);
        assertThat(run.err())
                .isEqualTo("organizer: no edge answers at http://127.0.0.1:" + nobody
                        + " (is it running? ./ticketing edge start; or set --edge)\n");
    }

    @Test
    void figuresShowSoldHeldAndLeftPerSectionAndTheWaitingRoom() {
        edge.answers(200, """
                {"eventId":"gala","name":"Spring gala","venue":"Harbour Hall","saleOpensAt":"2026-05-01T10:00:00Z",
                 "sections":[
                   {"sectionId":"A","name":"Stalls A","kind":"RESERVED","seatCount":4,
                    "availability":{"capacity":4,"available":1,"held":1,"sold":2,"updatedAt":"2026-05-01T10:01:00Z"}},
                   {"sectionId":"FLOOR","name":"Floor","kind":"GENERAL_ADMISSION",
                    "availability":{"capacity":200,"available":150,"held":20,"sold":30,"updatedAt":"2026-05-01T10:01:00Z"}}],
                 "queue":{"mode":"METERED","active":true,"waiting":1234,"servingCounter":560,"activeShoppers":800,
                          "admitRatePerSecond":49.5,"paused":false,"soldOut":false,"updatedAt":"2026-05-01T10:01:00Z"}}""");

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "figures", "gala", "--edge", edge.url());

        assertThat(run.exitCode()).isEqualTo(Exit.OK);
        assertThat(edge.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/api/events/gala");
        });
        assertThat(run.out()).isEqualTo("""
                Spring gala (gala) at Harbour Hall, sale opens 2026-05-01T10:00:00Z
                section          kind                capacity      sold      held      left
                A                RESERVED                   4         2         1         1
                FLOOR            GENERAL_ADMISSION        200        30        20       150
                total                                     204        32        21       151
                waiting room: METERED; 1234 waiting, 800 shopping, serving counter 560, admitting 49.5/s (as of \
                2026-05-01T10:01:00Z)
                """);
    }

    @Test
    void figuresOfASectionNotCountedYetShowDashesAndSaySoInTheTotal() {
        edge.answers(200, """
                {"eventId":"gala","name":"Spring gala","venue":"Harbour Hall","saleOpensAt":"2026-05-01T10:00:00Z",
                 "sections":[{"sectionId":"A","name":"Stalls A","kind":"RESERVED","seatCount":4}]}""");

        Cli.Run run = Cli.run(Map.of("ONSALE_TOKEN", TOKEN), "figures", "gala", "--edge", edge.url());

        assertThat(run.out())
                .contains("A                RESERVED                   -         -         -         -\n")
                .contains("total (counted)")
                .endsWith("waiting room: nobody has joined yet\n");
    }
}
