package io.onsale.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onsale.loadgen.auth.Role;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.EventConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One hold at a time through a running edge: what a lone buyer waits for on a warm, idle edge, and (from the edge's
 * {@code Server-Timing} answer header) where that time goes. The throughput benchmarks cannot tell this: under
 * load their latency is mostly queueing.
 *
 * <ol>
 *   <li>configure a fresh event through the organizer API: one reserved section {@value #RESERVED_SECTION} of
 *       {@code seats} seats and one general-admission section {@value #GA_SECTION} of one zone; sale open,
 *       pass-through queue, holds kept 30 minutes; wait until the engine has all of it available;</li>
 *   <li>mint every buyer's token and build every request before any is timed;</li>
 *   <li>send {@code warmupHolds} (not reported), then {@code holds} requests strictly one after the other on one
 *       keep-alive HTTP/1.1 connection, each a distinct buyer with its own {@code Idempotency-Key}, the three
 *       {@link Kind kinds} in turn.</li>
 * </ol>
 */
final class LatencyBenchmark {

    /** What a request asks for; request i is kind i mod 3, so the kinds share the run's conditions evenly. */
    enum Kind {
        /** {@code {"seats":[one seat]}}, a different seat each time, taken from the back of the section. */
        SEAT,
        /** {@code {"sectionId":"A","quantity":1}}: the allocator picks from the front rows. */
        BEST_AVAILABLE,
        /** {@code {"sectionId":"FLOOR","quantity":1}}: one ticket of the zone. */
        GENERAL_ADMISSION
    }

    static final String RESERVED_SECTION = "A";
    static final String GA_SECTION = "FLOOR";
    static final String GA_ZONE = "FLOOR-1";
    /** Far more than any run takes, so general admission never sells out. */
    static final int GA_CAPACITY = 100_000;
    /** The status of a request that got no answer (connection failed, or no answer within {@link #REQUEST_TIMEOUT}). */
    static final int NO_ANSWER = 0;
    /** Well beyond the edge's own 5 s wait for a decision, so a slow decision shows up as the edge's 202. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    record Settings(URI edge, int seats, int holds, int warmupHolds, TokenMinter tokens) {

        Settings {
            if (holds < 1 || warmupHolds < 0) {
                throw new IllegalArgumentException("--holds must be at least 1 and --warmup-holds at least 0, got "
                        + holds + " and " + warmupHolds);
            }
            int reservedRequests = reservedRequests(holds + warmupHolds);
            if (seats < reservedRequests) {
                throw new IllegalArgumentException("--seats must be at least " + reservedRequests
                        + " (the named-seat and"
                        + " best-available requests of the run, warm-up included, each take a seat), got " + seats);
            }
        }

        /** Named-seat and best-available requests among the first {@code requests}: every one but each third. */
        static int reservedRequests(int requests) {
            return requests - requests / 3;
        }
    }

    private final Settings settings;

    LatencyBenchmark(Settings settings) {
        this.settings = settings;
    }

    /** The measured requests, in the order sent. */
    List<LatencyBreakdown.Sample> run(String eventId) throws IOException, InterruptedException {
        System.err.printf(
                "bench: configuring %s: %,d seats in section %s and a zone of %,d in section %s ...%n",
                eventId, settings.seats(), RESERVED_SECTION, GA_CAPACITY, GA_SECTION);
        EventSetup.configure(
                settings.edge(),
                settings.tokens(),
                eventId,
                event(settings),
                (long) settings.seats() + GA_CAPACITY,
                Duration.ofMinutes(5));

        int total = settings.warmupHolds() + settings.holds();
        System.err.printf("bench: minting %,d buyer tokens ...%n", total);
        List<HttpRequest> requests = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            requests.add(request(eventId, i));
        }
        // HTTP/1.1 and one request at a time: the client keeps reusing its one idle connection, so no request pays
        // for a TCP handshake (or an h2c upgrade) the others did not.
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        System.err.printf("bench: warm-up (not reported): %,d holds, one at a time ...%n", settings.warmupHolds());
        List<LatencyBreakdown.Sample> warmup = new ArrayList<>();
        for (int i = 0; i < settings.warmupHolds(); i++) {
            warmup.add(send(http, requests.get(i), kind(i)));
        }
        if (!warmup.isEmpty()) {
            LatencyBreakdown.Answers answers = LatencyBreakdown.Answers.of(warmup);
            System.err.printf("bench: warm-up answers: %s%n", answers.statuses());
            // A wrong secret or event answers every request fast and wrong: no figure of such a run means anything.
            if (answers.decisions() == 0) {
                throw new IllegalStateException("no warm-up hold was decided (201 or 409): " + answers.statuses());
            }
        }
        System.err.printf("bench: %,d holds, one at a time ...%n", settings.holds());
        List<LatencyBreakdown.Sample> samples = new ArrayList<>(settings.holds());
        for (int i = settings.warmupHolds(); i < total; i++) {
            samples.add(send(http, requests.get(i), kind(i)));
        }
        return samples;
    }

    /** The clock runs from the send to the whole body read: what the buyer's client waits for. */
    private static LatencyBreakdown.Sample send(HttpClient http, HttpRequest request, Kind kind)
            throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            List<String> timing = answer.headers().allValues("Server-Timing");
            return new LatencyBreakdown.Sample(
                    kind,
                    answer.statusCode(),
                    reason(answer),
                    nanos,
                    timing.isEmpty() ? null : ServerTiming.parse(String.join(",", timing)));
        } catch (IOException e) {
            return new LatencyBreakdown.Sample(
                    kind, NO_ANSWER, e.getClass().getSimpleName(), System.nanoTime() - start, null);
        }
    }

    /** A 409's {@code reason}: with a seat per buyer none is expected, so any says what went wrong. */
    private static String reason(HttpResponse<String> answer) {
        if (answer.statusCode() != 409) {
            return null;
        }
        try {
            return JSON.readTree(answer.body()).path("reason").asText("unknown");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private HttpRequest request(String eventId, int i) {
        String token = settings.tokens().mint(eventId + "-b" + i, Role.BUYER);
        return HttpRequest.newBuilder(settings.edge().resolve("/api/events/" + eventId + "/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "latency-" + i)
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body(i)))
                .build();
    }

    static Kind kind(int i) {
        return Kind.values()[i % Kind.values().length];
    }

    /**
     * Named seats are taken from the last seat backwards while best-available picks walk from the front row, so
     * the two never meet within {@link Settings#reservedRequests} requests and no request is refused
     * {@code SEAT_TAKEN}: every figure is a hold.
     */
    String body(int i) {
        return switch (kind(i)) {
            case SEAT ->
                "{\"seats\":[\""
                        + HoldsHttpBenchmark.seatId(RESERVED_SECTION, settings.seats() - 1 - i / Kind.values().length)
                        + "\"]}";
            case BEST_AVAILABLE -> "{\"sectionId\":\"" + RESERVED_SECTION + "\",\"quantity\":1}";
            case GENERAL_ADMISSION -> "{\"sectionId\":\"" + GA_SECTION + "\",\"quantity\":1}";
        };
    }

    static EventConfig event(Settings settings) {
        EventConfig.Section generalAdmission = EventConfig.Section.generalAdmission(
                GA_SECTION, "Floor", "GA", 4_500, List.of(new EventConfig.Zone(GA_ZONE, GA_CAPACITY)));
        return HoldsHttpBenchmark.openEvent(
                "Latency benchmark",
                List.of(HoldsHttpBenchmark.reserved(RESERVED_SECTION, "Stalls", settings.seats()), generalAdmission));
    }
}
