package io.onsale.loadgen.simulate;

import io.onsale.loadgen.auth.IdentityOptions;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.race.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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

/** The on-sale simulation from the command line. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulate an on-sale over HTTP: configure an event (reserved sections of falling popularity and a "
                    + "general-admission floor, its waiting room active), let a burst of buyers arrive (some before the "
                    + "opening, most in the first seconds), each joining the waiting room and following its status until "
                    + "admitted, then ordering specific seats, best-available or floor tickets with the admission token, "
                    + "taking offered alternatives, then paying (some declined), cancelling or abandoning the hold. "
                    + "Prints progress while it runs, then per-step latency (HdrHistogram), every outcome, and an audit "
                    + "of the final state read back through the API."
        },
        footer = {
            "",
            "Presets (explicit options win): demo = 600 buyers / 300 seats over 8 s, 512 calls in flight (what"
                    + " ./ticketing demo runs); small = 2,000 / 1,000 over 20 s, 1,024 (the default); medium = 20,000 /"
                    + " 10,000 over 30 s, 2,048; large = 100,000 / 50,000 over 30 s, 4,096."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:audit passed",
            "1:audit failed (oversold, a hold nobody was told about, an order that reads back wrong, a paid seat not"
                    + " SOLD, an order left undecided, admissions out of position order)",
            "2:the simulation could not be run: edge unreachable, event refused or not ready, invalid options"
        })
public final class SimulateCommand implements Callable<Integer> {

    static final int AUDIT_PASSED = 0;
    static final int AUDIT_FAILED = 1;
    static final int COULD_NOT_RUN = 2;
    /** Longer than the edge's own wait (onsale.kafka.config-visible-timeout, 10 s) before it answers a config 202. */
    static final Duration ORGANIZER_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter EVENT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Sizes by name. */
    enum Preset {
        // In flight: as many calls as buyers who would really wait at once. Measured: with the edge answering a hold
        // after
        // seconds, 256 slots stretched the small sale to 121 s while 1,024 sold it in 30 s
        // (docs/benchmarks/log/2026-11-27-onsale-simulation-over-http.md).
        // demo: what ./ticketing demo runs, about a minute in all on a 2-core machine that also runs the broker and
        // edge.
        DEMO(600, 300, 8, 512),
        SMALL(2_000, 1_000, 20, 1_024),
        MEDIUM(20_000, 10_000, 30, 2_048),
        LARGE(100_000, 50_000, 30, 4_096);

        final int buyers;
        final int seats;
        final int arrivalSeconds;
        final int maxInFlight;

        Preset(int buyers, int seats, int arrivalSeconds, int maxInFlight) {
            this.buyers = buyers;
            this.seats = seats;
            this.arrivalSeconds = arrivalSeconds;
            this.maxInFlight = maxInFlight;
        }
    }

    @Option(
            names = "--edge",
            paramLabel = "<url>",
            defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the edge. Default: ${DEFAULT-VALUE}.")
    String edge;

    @Option(
            names = "--event",
            paramLabel = "<eventId>",
            description = "Event id to configure. Default: sim-<UTC yyyyMMdd-HHmmss>, a fresh event per run.")
    String event;

    @Option(
            names = "--preset",
            paramLabel = "<name>",
            defaultValue = "small",
            description = "demo, small, medium or large (see below). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--buyers", paramLabel = "<n>", description = "Simulated buyers. Default: from the preset (2000).")
    Integer buyers;

    @Option(
            names = "--seats",
            paramLabel = "<n>",
            description = "Tickets on sale, floor included (at most 60,000). Default: from the preset (1000).")
    Integer seats;

    @Option(
            names = "--ga-share",
            paramLabel = "<0..1>",
            defaultValue = "0.2",
            description = "Share of the tickets on the general-admission floor. Default: ${DEFAULT-VALUE}.")
    double gaShare;

    @Option(
            names = "--best-available-share",
            paramLabel = "<0..1>",
            defaultValue = "0.25",
            description = "Share of buyers who ask for best-available in a section. Default: ${DEFAULT-VALUE}.")
    double bestAvailableShare;

    @Option(
            names = "--ga-order-share",
            paramLabel = "<0..1>",
            defaultValue = "0.15",
            description =
                    "Share of buyers who want floor tickets. The rest name adjacent seats. Default: ${DEFAULT-VALUE}.")
    double gaOrderShare;

    @Option(
            names = "--pre-open-share",
            paramLabel = "<0..1>",
            defaultValue = "0.2",
            description =
                    "Share of buyers who arrive before the sale opens (and order at the opening). Default: ${DEFAULT-VALUE}.")
    double preOpenShare;

    @Option(
            names = "--pre-open",
            paramLabel = "<duration>",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long before the opening the early buyers arrive. Default: ${DEFAULT-VALUE}.")
    Duration preOpen;

    @Option(
            names = "--arrival-seconds",
            paramLabel = "<s>",
            description = "Window after the opening in which the other buyers arrive. Default: from the preset (20).")
    Integer arrivalSeconds;

    @Option(
            names = "--arrival-shape",
            paramLabel = "<shape>",
            defaultValue = "burst",
            description =
                    "burst (most in the first seconds), uniform, or spike (all at the opening). Default: ${DEFAULT-VALUE}.")
    String arrivalShape;

    @Option(
            names = "--take-alternative",
            paramLabel = "<0..1>",
            defaultValue = "0.7",
            description = "Probability that a buyer who lost takes the offered alternative. Default: ${DEFAULT-VALUE}.")
    double takeAlternative;

    @Option(
            names = "--best-available-after-loss",
            paramLabel = "<0..1>",
            defaultValue = "0.5",
            description = "Probability that a buyer who lost named seats, with no alternative offered, asks for"
                    + " best-available there. Default: ${DEFAULT-VALUE}.")
    double bestAvailableAfterLoss;

    @Option(
            names = "--abandon-rate",
            paramLabel = "<0..1>",
            defaultValue = "0.1",
            description =
                    "Probability that a buyer with a hold walks away instead of paying. Default: ${DEFAULT-VALUE}.")
    double abandonRate;

    @Option(
            names = "--queue",
            paramLabel = "on|off",
            defaultValue = "on",
            description =
                    "Buyers go through the event's waiting room: join, follow the status, order with the admission"
                            + " token. off: the room never activates. Default: ${DEFAULT-VALUE}.")
    String queue;

    @Option(
            names = "--admit-rate",
            paramLabel = "<n/s>",
            description = "The waiting room admits at most this many buyers per second. Default: a tenth of the seats"
                    + " (at least 10).")
    Integer admitRate;

    @Option(
            names = "--active-shoppers",
            paramLabel = "<n>",
            description = "The waiting room stops admitting while this many admitted buyers are still shopping; buyers"
                    + " start queueing from a tenth of it. Default: twice the seats (at least 20).")
    Integer activeShoppers;

    @Option(
            names = "--payments",
            paramLabel = "on|off",
            defaultValue = "on",
            description = "Buyers who keep their hold pay for it (POST /api/orders/{id}/payment). off: they keep it"
                    + " unpaid. Default: ${DEFAULT-VALUE}.")
    String payments;

    @Option(
            names = "--decline-rate",
            paramLabel = "<0..1>",
            defaultValue = "0.1",
            description = "Share of paying buyers whose payment method is declined. Default: ${DEFAULT-VALUE}.")
    double declineRate;

    @Option(
            names = "--pay-again-after-decline",
            paramLabel = "<0..1>",
            defaultValue = "0.7",
            description = "Probability that a declined buyer pays once more with a good method (else the hold is left"
                    + " to expire). Default: ${DEFAULT-VALUE}.")
    double payAgainAfterDecline;

    @Option(
            names = "--cancel-share",
            paramLabel = "<0..1>",
            defaultValue = "0.5",
            description = "Of the buyers who walk away, the share who cancel (DELETE); the rest let the hold expire."
                    + " Default: ${DEFAULT-VALUE}.")
    double cancelShare;

    @Option(
            names = "--think-time",
            paramLabel = "<duration>",
            defaultValue = "500ms",
            converter = DurationConverter.class,
            description = "Most a buyer waits between two steps (uniform from zero). Default: ${DEFAULT-VALUE}.")
    Duration thinkTime;

    @Option(
            names = "--max-attempts",
            paramLabel = "<n>",
            defaultValue = "3",
            description = "Orders a buyer places at most, alternatives included. Default: ${DEFAULT-VALUE}.")
    int maxAttempts;

    @Option(
            names = "--max-in-flight",
            paramLabel = "<n>",
            description = "HTTP calls in flight at most (and connections). Default: from the preset (1024).")
    Integer maxInFlight;

    @Option(
            names = "--timeout",
            paramLabel = "<duration>",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Read timeout per HTTP call. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(
            names = "--hold-minutes",
            paramLabel = "<n>",
            defaultValue = "10",
            description = "The event's hold window, 1 to 30. Default: ${DEFAULT-VALUE}.")
    int holdMinutes;

    @Option(
            names = "--max-duration",
            paramLabel = "<duration>",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description =
                    "Longest the selling may take after the opening before the audit starts anyway. Default: ${DEFAULT-VALUE}.")
    Duration maxDuration;

    @Option(
            names = "--setup-margin",
            paramLabel = "<duration>",
            defaultValue = "3s",
            converter = DurationConverter.class,
            description =
                    "Time given to the edge to make the event live before the first buyers are due. Default: ${DEFAULT-VALUE}.")
    Duration setupMargin;

    @Option(
            names = "--settle",
            paramLabel = "<duration>",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description = "How long the audit reads seat maps again while they still disagree (they follow decisions a"
                    + " moment later). Default: ${DEFAULT-VALUE}.")
    Duration settle;

    @Option(
            names = "--progress-every",
            paramLabel = "<duration>",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "Interval of the progress line (stderr). Default: ${DEFAULT-VALUE}.")
    Duration progressEvery;

    @Option(
            names = "--seed",
            paramLabel = "<long>",
            description = "Seed for arrivals and choices; printed, so a run can be replayed. Default: random.")
    Long seed;

    @Option(
            names = "--out",
            paramLabel = "<file>",
            description = "Also write the report as JSON to this file. Default: none.")
    Path out;

    @Mixin
    IdentityOptions identity;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public SimulateCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        Simulation.Settings settings = settings();
        TokenMinter minter;
        try {
            minter = identity.minter(env, clock);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        URI edgeUri = validEdge();
        stdout.printf(
                "simulate  edge %s  event %s  buyers %d  seats %d  arrivals %s over %d s (%.0f%% up to %d s early)"
                        + "  in flight %d  seed %d%n",
                edgeUri,
                settings.eventId(),
                settings.buyers(),
                settings.seats(),
                settings.mix().shape().name().toLowerCase(Locale.ROOT),
                settings.mix().arrivalWindowMillis() / 1000,
                settings.mix().preOpenShare() * 100,
                settings.mix().preOpenMillis() / 1000,
                settings.maxInFlight(),
                settings.seed());
        WaitingRoomPlan room = settings.waitingRoom();
        Behaviour behaviour = settings.behaviour();
        stdout.printf(
                "waiting room %s  payments %s%n",
                room.enabled()
                        ? String.format(
                                "on (admit %d/s, %d shoppers at" + " most, queueing from %d, %d min to buy)",
                                room.admitRatePerSecond(),
                                room.activeShoppers(),
                                room.activationThreshold(),
                                WaitingRoomPlan.PURCHASE_WINDOW_MINUTES)
                        : "off",
                behaviour.payments()
                        ? String.format(
                                "on (%.0f%% declined, %.0f%% of them pay again; %.0f%% abandon)",
                                behaviour.declineRate() * 100,
                                behaviour.payAgainAfterDecline() * 100,
                                behaviour.abandonRate() * 100)
                        : "off (holds are kept unpaid)");
        stdout.flush();
        EdgeApi.Settings client =
                new EdgeApi.Settings(Duration.ofSeconds(5), settings.timeout(), settings.maxInFlight(), null);
        EdgeApi.Settings organizerClient = new EdgeApi.Settings(
                Duration.ofSeconds(5),
                ORGANIZER_TIMEOUT.compareTo(settings.timeout()) > 0 ? ORGANIZER_TIMEOUT : settings.timeout(),
                4,
                1);
        try (EdgeApi api = EdgeApi.connect(edgeUri, client);
                EdgeApi organizer = EdgeApi.connect(edgeUri, organizerClient)) {
            Simulation.Run run = new Simulation(api, organizer, minter, clock, stderr).run(settings);
            Report report = new Report(run);
            stdout.println();
            report.lines().forEach(stdout::println);
            if (out != null) {
                report.writeJson(out);
                stdout.println("report: " + out);
            }
            stdout.flush();
            return run.result().passed() ? AUDIT_PASSED : AUDIT_FAILED;
        } catch (Simulation.CouldNotRun e) {
            return couldNotRun(stdout, stderr, e.getMessage());
        } catch (RuntimeException e) {
            RuntimeException cause = Simulation.couldNotRun(e);
            if (cause instanceof Simulation.CouldNotRun) {
                return couldNotRun(stdout, stderr, cause.getMessage());
            }
            throw e;
        } catch (IOException e) {
            return couldNotRun(stdout, stderr, "cannot write " + out + ": " + e.getMessage());
        }
    }

    private static int couldNotRun(PrintWriter stdout, PrintWriter stderr, String why) {
        stdout.flush();
        stderr.println("simulate: " + why);
        stderr.flush();
        return COULD_NOT_RUN;
    }

    Simulation.Settings settings() {
        Preset size;
        try {
            size = Preset.valueOf(preset.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--preset must be demo, small, medium or large, got '" + preset + "'");
        }
        ArrivalShape shape;
        try {
            shape = ArrivalShape.parse(arrivalShape);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    spec.commandLine(), "--arrival-shape must be burst, uniform or spike, got '" + arrivalShape + "'");
        }
        int buyerCount = buyers != null ? buyers : size.buyers;
        int seatCount = seats != null ? seats : size.seats;
        int window = arrivalSeconds != null ? arrivalSeconds : size.arrivalSeconds;
        int inFlight = maxInFlight != null ? maxInFlight : size.maxInFlight;
        String eventId = event != null ? event : "sim-" + EVENT_STAMP.format(clock.instant());
        require(
                EVENT_ID.matcher(eventId).matches(),
                "--event '" + eventId + "' must be 1-64 letters, digits, '.', '_' or"
                        + " '-', starting with a letter or digit");
        require(buyerCount >= 1, "--buyers must be at least 1");
        require(
                seatCount >= 1 && seatCount <= 60_000,
                "--seats must be between 1 and 60,000 (the engine's limit per event)");
        require(window >= 1, "--arrival-seconds must be at least 1");
        require(inFlight >= 1, "--max-in-flight must be at least 1");
        require(maxAttempts >= 1, "--max-attempts must be at least 1");
        require(holdMinutes >= 1 && holdMinutes <= 30, "--hold-minutes must be between 1 and 30");
        requireShare("--ga-share", gaShare);
        requireShare("--best-available-share", bestAvailableShare);
        requireShare("--ga-order-share", gaOrderShare);
        require(
                bestAvailableShare + gaOrderShare <= 1,
                "--best-available-share plus --ga-order-share must not exceed 1");
        requireShare("--pre-open-share", preOpenShare);
        requireShare("--take-alternative", takeAlternative);
        requireShare("--best-available-after-loss", bestAvailableAfterLoss);
        requireShare("--abandon-rate", abandonRate);
        requireShare("--cancel-share", cancelShare);
        requireShare("--decline-rate", declineRate);
        requireShare("--pay-again-after-decline", payAgainAfterDecline);
        boolean queueOn = onOff("--queue", queue);
        boolean paying = onOff("--payments", payments);
        require(admitRate == null || admitRate >= 1, "--admit-rate must be at least 1");
        require(activeShoppers == null || activeShoppers >= 1, "--active-shoppers must be at least 1");
        require(!timeout.isNegative() && !timeout.isZero(), "--timeout must be positive");
        require(!preOpen.isNegative(), "--pre-open must not be negative");
        require(!setupMargin.isNegative() && !settle.isNegative(), "--setup-margin and --settle must not be negative");
        require(!thinkTime.isNegative(), "--think-time must not be negative");
        require(progressEvery.toMillis() >= 100, "--progress-every must be at least 100ms");
        BuyerPlan.Mix mix = new BuyerPlan.Mix(
                bestAvailableShare, gaOrderShare, preOpenShare, preOpen.toMillis(), window * 1000L, shape);
        Behaviour behaviour = new Behaviour(
                takeAlternative,
                bestAvailableAfterLoss,
                abandonRate,
                cancelShare,
                thinkTime,
                maxAttempts,
                paying,
                declineRate,
                payAgainAfterDecline);
        WaitingRoomPlan room = WaitingRoomPlan.forSale(queueOn, seatCount, admitRate, activeShoppers);
        long runSeed = seed != null ? seed : new Random().nextLong();
        return new Simulation.Settings(
                eventId,
                buyerCount,
                seatCount,
                gaShare,
                mix,
                behaviour,
                room,
                inFlight,
                timeout,
                holdMinutes,
                setupMargin,
                maxDuration,
                settle,
                progressEvery,
                runSeed);
    }

    private boolean onOff(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        require(v.equals("on") || v.equals("off"), option + " must be on or off, got '" + value + "'");
        return v.equals("on");
    }

    private void requireShare(String option, double value) {
        require(value >= 0 && value <= 1, option + " must be between 0 and 1, got " + value);
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
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
}
