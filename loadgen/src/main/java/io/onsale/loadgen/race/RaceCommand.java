package io.onsale.loadgen.race;

import io.onsale.loadgen.auth.IdentityOptions;
import io.onsale.loadgen.auth.Role;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.SeatMap;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The contended-seat race: configure an event, release every buyer at once, print who won, audit for overselling. */
@Command(
        name = "race",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Configure a demo event on the edge, release all buyers at the same instant (each asks for one seat, "
                    + "every seat wanted by about buyers/seats of them), print who won which seat, then read the "
                    + "seat map back and audit that nothing was oversold."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:audit passed",
            "1:audit failed (a seat oversold, a hold nobody was told about, a seat map that disagrees)",
            "2:the race could not be run or judged: edge unreachable, unexpected answer (including orders that "
                    + "got no 201/409 decision), invalid options"
        })
public final class RaceCommand implements Callable<Integer> {

    static final int AUDIT_PASSED = 0;
    static final int AUDIT_FAILED = 1;
    static final int EDGE_PROBLEM = 2;

    /** The waiting room's activation threshold in the demo config: more buyers would be queued, not raced. */
    static final int MAX_BUYERS = 500;

    static final Duration READY_BUDGET = Duration.ofSeconds(30);
    static final Duration POLL_EVERY = Duration.ofMillis(100);
    static final Duration SETTLE_BUDGET = Duration.ofSeconds(5);
    static final String ORGANIZER_ID = "organizer-demo";

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter EVENT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(
            names = "--edge",
            paramLabel = "<url>",
            defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the edge. Default: ${DEFAULT-VALUE}.")
    String edge;

    @Option(
            names = "--event",
            paramLabel = "<eventId>",
            description = "Event id to configure. Default: demo-<UTC yyyyMMdd-HHmmss>, a fresh event per run.")
    String event;

    @Option(
            names = "--buyers",
            paramLabel = "<n>",
            defaultValue = "40",
            description = "Competing buyers, 1 to " + MAX_BUYERS + ", at least --seats. Default: ${DEFAULT-VALUE}.")
    int buyers;

    @Option(
            names = "--seats",
            paramLabel = "<n>",
            defaultValue = "8",
            description = "Seats in section A (rows of 10: A-1-1 … A-1-10, A-2-1 …). Default: ${DEFAULT-VALUE}.")
    int seats;

    @Option(
            names = "--timeout",
            paramLabel = "<duration>",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Timeout per HTTP request, e.g. 10s or 500ms. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(
            names = "--seed",
            paramLabel = "<long>",
            description = "Seed for who asks for which seat; printed, so a race can be replayed. Default: random.")
    Long seed;

    @Mixin
    IdentityOptions identity;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public RaceCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        URI edgeUri = validEdge();
        String eventId = event != null ? event : "demo-" + EVENT_STAMP.format(clock.instant());
        validate(eventId);
        TokenMinter minter;
        try {
            minter = identity.minter(env, clock);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long raceSeed = seed != null ? seed : new Random().nextLong();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        out.printf(
                "race  edge %s  event %s  buyers %d  seats %d  seed %d%n", edgeUri, eventId, buyers, seats, raceSeed);
        DemoEvent demo = DemoEvent.openSince(seats, clock.instant());
        RacePlan plan = RacePlan.create(demo.seatIds(), buyers, raceSeed);
        String organizerToken = minter.mint(ORGANIZER_ID, Role.ORGANIZER);
        Map<String, String> tokenByBuyer = new LinkedHashMap<>();
        plan.attempts().forEach(a -> tokenByBuyer.put(a.buyerId(), minter.mint(a.buyerId(), Role.BUYER)));
        String auditorToken = tokenByBuyer.values().iterator().next();
        // A connection per buyer, so the buyers really are concurrent at the edge rather than queued by the client.
        EdgeApi.Settings settings = new EdgeApi.Settings(timeout, timeout, buyers, null);

        try (EdgeApi client = EdgeApi.connect(edgeUri, settings)) {
            EventSetup.Readiness ready = new EventSetup(client, READY_BUDGET, POLL_EVERY)
                    .configure(eventId, demo, organizerToken, auditorToken);
            out.printf(
                    "event %s: %s, seat map ready after %d ms; sale opened at %s%n",
                    eventId, ready.acknowledgement(), ready.took().toMillis(), demo.saleOpensAt());
            out.printf("releasing %d buyers at once...%n%n", buyers);

            List<Outcome> outcomes = new RaceRunner(client).run(eventId, plan, tokenByBuyer);
            RaceReport report = new RaceReport(plan.seatIds(), outcomes);
            report.seatTable().forEach(out::println);
            out.println();
            report.totals().forEach(out::println);
            out.println();

            List<String> toldHeld = outcomes.stream()
                    .filter(Outcome::isHeld)
                    .map(Outcome::seatId)
                    .toList();
            SeatMap seatMap = new ReadBack(client, SETTLE_BUDGET, POLL_EVERY).seatMap(eventId, auditorToken, toldHeld);
            RaceAudit.Result audit = RaceAudit.audit(plan.seatIds(), outcomes, seatMap);
            List<Outcome> undecided = outcomes.stream().filter(Outcome::isError).toList();
            printAudit(out, seatMap, audit, undecided, outcomes.size());
            if (!audit.passed()) {
                return AUDIT_FAILED;
            }
            // Orders without a decision are answers outside the contract: the race cannot vouch for their seats.
            return undecided.isEmpty() ? AUDIT_PASSED : EDGE_PROBLEM;
        } catch (EdgeCallException e) {
            out.flush();
            err.println("race: " + e.getMessage());
            err.flush();
            return EDGE_PROBLEM;
        }
    }

    private static void printAudit(
            PrintWriter out, SeatMap seatMap, RaceAudit.Result audit, List<Outcome> undecided, int orders) {
        out.printf(
                "audit: seat map of section %s: %d HELD, %d SOLD, %d AVAILABLE, %d other%n",
                DemoEvent.SECTION_ID,
                seatMap.count(SeatMap.HELD),
                seatMap.count(SeatMap.SOLD),
                seatMap.count(SeatMap.AVAILABLE),
                seatMap.seatIds().size()
                        - seatMap.count(SeatMap.HELD)
                        - seatMap.count(SeatMap.SOLD)
                        - seatMap.count(SeatMap.AVAILABLE));
        audit.notes().forEach(note -> out.println("note: " + note));
        out.println("oversold: " + audit.oversold());
        if (audit.passed() && undecided.isEmpty()) {
            out.println("AUDIT PASSED");
        } else if (audit.passed()) {
            out.println("AUDIT INCONCLUSIVE: " + undecided.size() + " of " + orders + " orders got no decision ("
                    + RaceReport.countByReason(undecided) + ")");
        } else {
            out.println("AUDIT FAILED: " + audit.problems().size() + " problem(s)");
            audit.problems().forEach(problem -> out.println("  - " + problem));
        }
        out.flush();
    }

    private URI validEdge() {
        String base = edge.endsWith("/") ? edge.substring(0, edge.length() - 1) : edge;
        try {
            URI uri = new URI(base);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new URISyntaxException(edge, "expected http://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--edge '" + edge + "' is not an http(s) base URL such as" + " http://127.0.0.1:8080");
        }
    }

    private void validate(String eventId) {
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--event '" + eventId
                            + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (seats < 1) {
            throw new ParameterException(spec.commandLine(), "--seats must be at least 1, got " + seats);
        }
        if (buyers < seats || buyers > MAX_BUYERS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--buyers must be between --seats (" + seats + ") and " + MAX_BUYERS
                            + " so that every seat is contended, got " + buyers);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive, got " + timeout);
        }
    }
}
