package io.onsale.bench;

import io.onsale.loadgen.auth.Role;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.EventConfig;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hold decisions and seat-map reads through one running edge, driven by {@code wrk}: the buyer's whole order path
 * (JWT check, per-buyer rate limit, produce to {@code order-requests}, the engine's order → unit → order hops under
 * exactly-once, the committed answer followed back) is what is measured.
 *
 * <ol>
 *   <li>configure a fresh event through the organizer API: {@code sections} reserved sections of {@code seats} seats
 *       in all, and a small section {@code M} of {@code mapSeats} seats for the warm-up and the seat-map reads; its
 *       waiting room never activates (pass-through: no admission token), the sale is open, holds last 30 minutes;
 *       wait until the engine has every seat available;</li>
 *   <li>warm-up (not reported as a figure): holds on section {@code M} for {@code warmupSeconds};</li>
 *   <li>HTTP baseline: {@code wrk} on {@code /ping} (the edge's own HTTP floor) with the same connections (after the warm-up:
 *       on a busy 2-core machine the edge's JIT is still compiling for a minute after its start);</li>
 *   <li>holds: {@code wrk} for {@code holdSeconds}, every request a distinct buyer (its own pre-minted token, so no
 *       per-buyer rate limit or ticket limit is reached) with a fresh {@code Idempotency-Key}; decisions are the
 *       {@code 201} (held) and {@code 409} (refused with a reason) answers; {@code 202} (still pending after the edge's
 *       wait), {@code 429}, other {@code 4xx}, {@code 503} (shed; and how many lacked {@code Retry-After}), every other
 *       {@code 5xx} (a failure of the edge) and wrk's socket errors (timeouts) are counted apart;</li>
 *   <li>seat-map reads: {@code wrk} on {@code GET /api/events/{id}/sections/M/seats} for {@code mapSeconds}.</li>
 * </ol>
 */
final class HoldsHttpBenchmark {

    /** What each hold asks for. */
    enum OrderKind {
        /** {@code {"seats":[one seat]}}: request i asks for seat i mod seats, sections in turn (a second round is refused). */
        SEATS,
        /** {@code {"sectionId":…,"quantity":1}}: request i asks for one best-available seat of section i mod sections. */
        BEST_AVAILABLE
    }

    static final String MAP_SECTION = "M";
    static final int SEATS_PER_ROW = 50;
    static final double TARGET_HOLD_DECISIONS_PER_SECOND = 2_500;
    static final double TARGET_HOLD_P99_MILLIS = 250;
    static final double TARGET_READS_PER_SECOND = 20_000;
    static final double TARGET_READ_P99_MILLIS = 20;

    record Settings(
            URI edge,
            int seats,
            int sections,
            int mapSeats,
            OrderKind orders,
            int holds,
            int warmupHolds,
            int holdSeconds,
            int warmupSeconds,
            int mapSeconds,
            int connections,
            int wrkThreads,
            TokenMinter tokens,
            Path workDir) {

        Settings {
            if (sections < 1 || seats < sections || seats % sections != 0) {
                throw new IllegalArgumentException(
                        "--seats must be a positive multiple of --sections, got " + seats + " and " + sections);
            }
            if (mapSeats < 1) {
                throw new IllegalArgumentException("--map-seats must be at least 1, got " + mapSeats);
            }
        }

        int seatsPerSection() {
            return seats / sections;
        }
    }

    record Result(String eventId, WrkRun liveness, WrkRun warmup, WrkRun holds, WrkRun seatMap) {

        long decisions() {
            return answers("201") + answers("409");
        }

        double decisionsPerSecond() {
            return decisions() / holds.seconds();
        }

        long answers(String status) {
            return holds.counters().getOrDefault("HOLD_ANSWERS." + status, 0L);
        }

        /** A thread that sent its whole share stopped before the end: the rate above is then understated. */
        boolean supplyExhausted() {
            return answers("exhaustedThreads") > 0;
        }

        double seatMapReadsPerSecond() {
            return seatMap.counters().getOrDefault("SEATMAP_ANSWERS.200", 0L) / seatMap.seconds();
        }

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("eventId", eventId);
            figures.put("httpBaseline", liveness.summary());
            figures.put("warmupHolds", warmup.summary());
            Map<String, Object> hold = holds.summary();
            hold.put("decisions", decisions());
            hold.put("decisionsPerSecond", Math.round(decisionsPerSecond()));
            hold.put("heldPerSecond", Math.round(answers("201") / holds.seconds()));
            hold.put("pending202", answers("202"));
            hold.put("shed503", answers("503"));
            hold.put("shed503WithoutRetryAfter", answers("503withoutRetryAfter"));
            hold.put("errors5xx", answers("5xx"));
            hold.put("supplyExhausted", supplyExhausted());
            figures.put("holds", hold);
            Map<String, Object> reads = seatMap.summary();
            reads.put("readsPerSecond", Math.round(seatMapReadsPerSecond()));
            figures.put("seatMap", reads);
            figures.put("targets", targets());
            return figures;
        }

        /** Each figure beside its target (issue 5), as measured on this machine in this run. */
        Map<String, Object> targets() {
            Map<String, Object> targets = new LinkedHashMap<>();
            double holdP99 = holds.latencyMillis().getOrDefault("p99", Double.NaN);
            double readP99 = seatMap.latencyMillis().getOrDefault("p99", Double.NaN);
            targets.put("holdDecisionsPerSecond", target(decisionsPerSecond(), TARGET_HOLD_DECISIONS_PER_SECOND, true));
            targets.put("holdP99Millis", target(holdP99, TARGET_HOLD_P99_MILLIS, false));
            targets.put("seatMapReadsPerSecond", target(seatMapReadsPerSecond(), TARGET_READS_PER_SECOND, true));
            targets.put("seatMapP99Millis", target(readP99, TARGET_READ_P99_MILLIS, false));
            return targets;
        }

        private static String target(double measured, double target, boolean atLeast) {
            boolean met = atLeast ? measured >= target : measured <= target;
            return String.format(
                    Locale.ROOT,
                    "%,.0f %s %,.0f: %s",
                    measured,
                    atLeast ? "vs ≥" : "vs ≤",
                    target,
                    met ? "met" : "missed");
        }
    }

    private final Settings settings;

    HoldsHttpBenchmark(Settings settings) {
        this.settings = settings;
    }

    Result run(String eventId) throws Exception {
        System.err.printf(
                "bench: configuring %s: %,d seats in %d sections and %,d in section %s ...%n",
                eventId, settings.seats(), settings.sections(), settings.mapSeats(), MAP_SECTION);
        EventSetup.configure(
                settings.edge(),
                settings.tokens(),
                eventId,
                event(settings),
                (long) settings.seats() + settings.mapSeats(),
                Duration.ofMinutes(5));

        System.err.printf("bench: minting %,d buyer tokens ...%n", settings.holds() + settings.warmupHolds());
        Path warmupRequests = settings.workDir().resolve("warmup-holds.tsv");
        writeRequests(warmupRequests, settings.warmupHolds(), i -> eventId + "-w" + i, this::warmupBody);
        Path holdRequests = settings.workDir().resolve("holds.tsv");
        writeRequests(holdRequests, settings.holds(), i -> eventId + "-h" + i, this::holdBody);
        Path readers = settings.workDir().resolve("seat-map-tokens.txt");
        try (Writer out = Files.newBufferedWriter(readers)) {
            for (int reader = 0; reader < 1_000; reader++) {
                out.write(settings.tokens().mint("bench-reader-" + reader, Role.BUYER));
                out.write('\n');
            }
        }

        String base = settings.edge().toString().replaceAll("/$", "");
        String threads = Integer.toString(settings.wrkThreads());
        Path holdScript = WrkRun.script("hold.lua", settings.workDir());
        System.err.printf(
                "bench: warm-up (not a figure): holds on section %s, %d s ...%n",
                MAP_SECTION, settings.warmupSeconds());
        WrkRun warmup = WrkRun.run(
                base,
                settings.wrkThreads(),
                settings.connections(),
                settings.warmupSeconds(),
                holdScript,
                List.of(warmupRequests.toString(), eventId, threads),
                Duration.ofSeconds(10));
        System.err.printf("bench: warm-up: %s%n", warmup.counters());
        // After the warm-up, so that the baseline is not measured on a cold JIT either.
        System.err.printf("bench: HTTP baseline (/ping), %d connections, 10 s ...%n", settings.connections());
        WrkRun liveness = WrkRun.liveness(base, settings.wrkThreads(), settings.connections(), 10);
        System.err.printf(
                "bench: holds (%s) through HTTP, %d connections, %d s ...%n",
                settings.orders().name().toLowerCase(Locale.ROOT), settings.connections(), settings.holdSeconds());
        WrkRun holds = WrkRun.run(
                base,
                settings.wrkThreads(),
                settings.connections(),
                settings.holdSeconds(),
                holdScript,
                List.of(holdRequests.toString(), eventId, threads),
                Duration.ofSeconds(10));
        System.err.printf(
                "bench: seat-map reads of section %s (%d seats), %d connections, %d s ...%n",
                MAP_SECTION, settings.mapSeats(), settings.connections(), settings.mapSeconds());
        WrkRun seatMap = WrkRun.run(
                base,
                settings.wrkThreads(),
                settings.connections(),
                settings.mapSeconds(),
                WrkRun.script("seatmap.lua", settings.workDir()),
                List.of(readers.toString(), "/api/events/" + eventId + "/sections/" + MAP_SECTION + "/seats", threads),
                Duration.ofSeconds(10));
        Result result = new Result(eventId, liveness, warmup, holds, seatMap);
        if (result.supplyExhausted()) {
            System.err.printf(
                    "bench: every one of the %,d prepared holds was sent before the %d s were over: the rate is"
                            + " understated, run again with a larger --holds%n",
                    settings.holds(), settings.holdSeconds());
        }
        return result;
    }

    /** The event: pass-through queue, sale open, holds kept 30 minutes. */
    static EventConfig event(Settings settings) {
        List<EventConfig.Section> sections = new ArrayList<>();
        for (int section = 0; section < settings.sections(); section++) {
            sections.add(reserved(sectionId(section), "Block " + (section + 1), settings.seatsPerSection()));
        }
        sections.add(reserved(MAP_SECTION, "Mezzanine", settings.mapSeats()));
        return openEvent("Holds benchmark", sections);
    }

    /**
     * An event of these sections whose sale is open, whose holds last 30 minutes and whose waiting room never
     * activates: what every benchmark that places orders through the edge needs.
     */
    static EventConfig openEvent(String name, List<EventConfig.Section> sections) {
        // Never active: more active shoppers than any run has, so the room stays PASS_THROUGH and orders need no
        // admission token (no buyer joins anyway).
        EventConfig.QueuePolicy neverActive = new EventConfig.QueuePolicy(100_000_000, 10_000, 100_000_000, 60);
        return new EventConfig(
                name,
                "Arena",
                Instant.now().minus(Duration.ofHours(1)),
                EventConfig.TEST_CURRENCY,
                30,
                4,
                sections,
                neverActive);
    }

    static EventConfig.Section reserved(String sectionId, String name, int seats) {
        List<EventConfig.Seat> seatList = new ArrayList<>(seats);
        for (int index = 0; index < seats; index++) {
            int row = index / SEATS_PER_ROW + 1;
            int number = index % SEATS_PER_ROW + 1;
            seatList.add(new EventConfig.Seat(seatId(sectionId, index), Integer.toString(row), number));
        }
        return EventConfig.Section.reserved(sectionId, name, "T1", 5_000, seatList);
    }

    static String sectionId(int section) {
        return "S" + (section + 1);
    }

    /** {@code <section>-<row>-<number>}, rows of {@link #SEATS_PER_ROW}. */
    static String seatId(String sectionId, int index) {
        return sectionId + "-" + (index / SEATS_PER_ROW + 1) + "-" + (index % SEATS_PER_ROW + 1);
    }

    /**
     * The body of measured hold {@code i}: with {@link OrderKind#SEATS} seat {@code i mod seats}, taking the
     * sections in turn (consecutive requests go to different sections and so, mostly, partitions).
     */
    String holdBody(int i) {
        int seat = i % settings.seats();
        int section = seat % settings.sections();
        return switch (settings.orders()) {
            case SEATS -> "{\"seats\":[\"" + seatId(sectionId(section), seat / settings.sections()) + "\"]}";
            case BEST_AVAILABLE -> "{\"sectionId\":\"" + sectionId(i % settings.sections()) + "\",\"quantity\":1}";
        };
    }

    /** Warm-up holds go to section M only, of the same kind as the measured ones. */
    String warmupBody(int i) {
        return switch (settings.orders()) {
            case SEATS -> "{\"seats\":[\"" + seatId(MAP_SECTION, i % settings.mapSeats()) + "\"]}";
            case BEST_AVAILABLE -> "{\"sectionId\":\"" + MAP_SECTION + "\",\"quantity\":1}";
        };
    }

    /** One line per request, read by {@code hold.lua}: {@code <token>\t<idempotency key>\t<body>}, each a distinct buyer. */
    private void writeRequests(
            Path file,
            int count,
            java.util.function.IntFunction<String> buyer,
            java.util.function.IntFunction<String> body)
            throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < count; i++) {
                out.write(requestLine(settings.tokens().mint(buyer.apply(i), Role.BUYER), "hold-" + i, body.apply(i)));
                out.write('\n');
            }
        }
    }

    static String requestLine(String token, String idempotencyKey, String body) {
        return token + "\t" + idempotencyKey + "\t" + body;
    }
}
