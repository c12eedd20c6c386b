package io.onsale.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onsale.loadgen.auth.Role;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.EventConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The waiting room through one running edge, driven by {@code wrk}: the edge's own HTTP path (JWT check, produce,
 * wait for the committed answer) is what is measured, not a client library.
 *
 * <ol>
 *   <li>configure a fresh event whose queue is active from the first buyer and admits slowly (everyone queues);</li>
 *   <li>join {@code statusBuyers} buyers from here and keep their tickets, for the status reads;</li>
 *   <li>HTTP baseline: {@code wrk} on {@code /ping} (the edge's own HTTP floor) (no Kafka, no security work) with the same
 *       connections, so the figures below read as a share of what this machine serves at all;</li>
 *   <li>joins: {@code wrk} sends one {@code POST .../queue} per fresh buyer ({@code joins} of them) and stops when every
 *       one is answered: joins per second, latency percentiles, answers by status;</li>
 *   <li>status: {@code wrk} reads {@code GET .../queue/{ticket}} with each ticket's own buyer token for
 *       {@code statusSeconds}: reads per second and latency percentiles.</li>
 * </ol>
 */
final class QueueHttpBenchmark {

    record Settings(
            URI edge,
            int joins,
            int statusBuyers,
            int connections,
            int wrkThreads,
            int statusSeconds,
            TokenMinter tokens,
            Path workDir) {}

    record Result(String eventId, WrkRun liveness, WrkRun joins, double joinsPerSecond, WrkRun status) {

        Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("eventId", eventId);
            figures.put("httpBaseline", liveness.summary());
            Map<String, Object> join = joins.summary();
            join.put("allAnsweredSeconds", Math.round(joins.firstReadyToLastDoneSeconds() * 100) / 100.0);
            join.put("joinsPerSecond", Math.round(joinsPerSecond));
            figures.put("joins", join);
            figures.put("status", status.summary());
            return figures;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    QueueHttpBenchmark(Settings settings) {
        this.settings = settings;
    }

    Result run(String eventId) throws Exception {
        configure(eventId);
        Path pairs = settings.workDir().resolve("status-pairs.tsv");
        System.err.printf("bench: joining %,d buyers for the status reads ...%n", settings.statusBuyers());
        writeStatusPairs(eventId, pairs);
        Path tokens = settings.workDir().resolve("join-tokens.txt");
        try (Writer out = Files.newBufferedWriter(tokens)) {
            for (int buyer = 0; buyer < settings.joins(); buyer++) {
                out.write(settings.tokens().mint("bench-joiner-" + buyer, Role.BUYER));
                out.write('\n');
            }
        }
        String base = settings.edge().toString().replaceAll("/$", "");
        String threads = Integer.toString(settings.wrkThreads());
        System.err.printf("bench: HTTP baseline (/ping), %d connections, 10 s ...%n", settings.connections());
        WrkRun liveness = WrkRun.liveness(base, settings.wrkThreads(), settings.connections(), 10);
        System.err.printf(
                "bench: %,d joins through HTTP, %d connections ...%n", settings.joins(), settings.connections());
        Path progress = settings.workDir().resolve("join-progress.txt");
        Files.deleteIfExists(progress);
        WrkRun joins = WrkRun.run(
                base,
                settings.wrkThreads(),
                settings.connections(),
                600,
                WrkRun.script("join.lua", settings.workDir()),
                List.of(tokens.toString(), eventId, threads, progress.toString()),
                Duration.ofSeconds(15),
                progress);
        long answered = joins.counters().getOrDefault("JOIN_ANSWERS.answered", 0L);
        if (answered != settings.joins()) {
            System.err.printf(
                    "bench: only %,d of %,d joins were answered (wrk timed the others out: %d socket errors)%n",
                    answered, settings.joins(), joins.socketErrors());
        }
        double joinsPerSecond = answered / joins.firstReadyToLastDoneSeconds();
        System.err.printf(
                "bench: status reads for %d s, %d connections ...%n", settings.statusSeconds(), settings.connections());
        WrkRun status = WrkRun.run(
                base,
                settings.wrkThreads(),
                settings.connections(),
                settings.statusSeconds(),
                WrkRun.script("status.lua", settings.workDir()),
                List.of(pairs.toString(), eventId, threads),
                Duration.ofSeconds(10));
        return new Result(eventId, liveness, joins, joinsPerSecond, status);
    }

    private void configure(String eventId) throws InterruptedException {
        EventConfig.Section floor = EventConfig.Section.generalAdmission(
                "FLOOR", "Floor", "GA", 4_500, List.of(new EventConfig.Zone("FLOOR-1", 50_000)));
        // Active from the first buyer, admitting slowly: every join of the run queues, as in a burst.
        EventConfig.QueuePolicy everyoneQueues = new EventConfig.QueuePolicy(1, 50, 1_000, 10);
        EventSetup.configure(
                settings.edge(),
                settings.tokens(),
                eventId,
                new EventConfig(
                        "Queue benchmark",
                        "Arena",
                        Instant.now().minus(Duration.ofHours(1)),
                        null,
                        null,
                        null,
                        List.of(floor),
                        everyoneQueues));
    }

    /** Joins the status buyers (retrying 202s with the same buyer: joins are idempotent) and keeps token and ticket. */
    private void writeStatusPairs(String eventId, Path file) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<String>> lines = new ArrayList<>();
        for (int buyer = 0; buyer < settings.statusBuyers(); buyer++) {
            String token = settings.tokens().mint("bench-reader-" + buyer, Role.BUYER);
            inFlight.acquire();
            lines.add(joinUntilAnswered(eventId, token, 0).whenComplete((line, failure) -> inFlight.release()));
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            for (CompletableFuture<String> line : lines) {
                out.write(line.join());
                out.write('\n');
            }
        }
    }

    private CompletableFuture<String> joinUntilAnswered(String eventId, String token, int attempt) {
        HttpRequest join = HttpRequest.newBuilder(settings.edge().resolve("/api/events/" + eventId + "/queue"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.sendAsync(join, HttpResponse.BodyHandlers.ofString()).thenCompose(answer -> {
            if ((answer.statusCode() == 202 || answer.statusCode() == 503) && attempt < 60) {
                return CompletableFuture.runAsync(
                                () -> {},
                                CompletableFuture.delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> joinUntilAnswered(eventId, token, attempt + 1));
            }
            if (answer.statusCode() != 200 && answer.statusCode() != 201) {
                throw new IllegalStateException("join answered " + answer.statusCode() + ": " + answer.body());
            }
            try {
                JsonNode status = JSON.readTree(answer.body());
                return CompletableFuture.completedFuture(
                        token + "\t" + status.path("ticket").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
