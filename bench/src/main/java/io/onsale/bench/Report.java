package io.onsale.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's figures: printed as a table for people and written as JSON for tools, with the machine, the date, the
 * commit and the settings, so a figure is never separated from what produced it.
 */
record Report(
        String kind,
        String runId,
        Instant date,
        String commit,
        String bootstrapServers,
        Machine machine,
        double loadAverageAtStart,
        Map<String, Object> settings,
        ProducerBaseline.Result producer,
        MinimalProcessorBaseline.Result minimalProcessor,
        EngineBenchmark.Result engine,
        QueueBenchmark.Result queue,
        Map<String, Object> http,
        Map<String, Double> ratios,
        LatencyBreakdown latency) {

    static Report of(
            String kind,
            BenchRun run,
            String commit,
            Map<String, Object> settings,
            ProducerBaseline.Result producer,
            MinimalProcessorBaseline.Result minimal,
            EngineBenchmark.Result engine,
            double loadAverageAtStart) {
        return of(kind, run, commit, settings, producer, minimal, engine, null, loadAverageAtStart);
    }

    static Report of(
            String kind,
            BenchRun run,
            String commit,
            Map<String, Object> settings,
            ProducerBaseline.Result producer,
            MinimalProcessorBaseline.Result minimal,
            EngineBenchmark.Result engine,
            QueueBenchmark.Result queue,
            double loadAverageAtStart) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        if (queue != null && minimal != null && minimal.throughput().recordsPerSecond() > 0) {
            ratios.put(
                    "queueToMinimalProcessor",
                    round(queue.join().recordsPerSecond() / minimal.throughput().recordsPerSecond()));
        }
        if (queue != null && producer != null) {
            ratios.put("queueToProducer", round(queue.join().recordsPerSecond() / producer.recordsPerSecond()));
        }
        if (engine != null && minimal != null && minimal.throughput().recordsPerSecond() > 0) {
            ratios.put(
                    "engineToMinimalProcessor",
                    round(engine.decide().recordsPerSecond()
                            / minimal.throughput().recordsPerSecond()));
            ratios.put(
                    "engineToMinimalProcessorMiddle80",
                    round(engine.decide().middle80RecordsPerSecond()
                            / minimal.throughput().middle80RecordsPerSecond()));
        }
        if (engine != null && producer != null) {
            ratios.put("engineToProducer", round(engine.decide().recordsPerSecond() / producer.recordsPerSecond()));
        }
        if (minimal != null && producer != null) {
            ratios.put(
                    "minimalProcessorToProducer",
                    round(minimal.throughput().recordsPerSecond() / producer.recordsPerSecond()));
        }
        return new Report(
                kind,
                run.id(),
                Instant.now(),
                commit,
                run.bootstrapServers(),
                Machine.current(),
                loadAverageAtStart,
                settings,
                producer,
                minimal,
                engine,
                queue,
                null,
                ratios,
                null);
    }

    /** The same report with figures measured through the edge's HTTP API. */
    Report withHttp(Map<String, Object> figures) {
        return new Report(
                kind,
                runId,
                date,
                commit,
                bootstrapServers,
                machine,
                loadAverageAtStart,
                settings,
                producer,
                minimalProcessor,
                engine,
                queue,
                figures,
                ratios,
                latency);
    }

    /** The same report with the figures of one hold at a time through the edge. */
    Report withLatency(LatencyBreakdown breakdown) {
        return new Report(
                kind,
                runId,
                date,
                commit,
                bootstrapServers,
                machine,
                loadAverageAtStart,
                settings,
                producer,
                minimalProcessor,
                engine,
                queue,
                http,
                ratios,
                breakdown);
    }

    void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ObjectMapper json = new ObjectMapper()
                .findAndRegisterModules()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("kind", kind);
        tree.put("runId", runId);
        tree.put("date", date.toString());
        tree.put("commit", commit);
        tree.put("benchJarCommit", BuildInfo.jarCommit());
        tree.put("bootstrapServers", bootstrapServers);
        tree.put("machine", machine);
        tree.put("loadAverageAtStart", loadAverageAtStart);
        tree.put("settings", settings);
        tree.put("producer", producer);
        tree.put("minimalProcessor", minimalProcessor);
        tree.put("engine", engine);
        tree.put("queue", queue);
        tree.put("http", http);
        tree.put("ratios", ratios);
        tree.put("latency", latency == null ? null : latency.figures());
        json.writeValue(file.toFile(), tree);
    }

    void print(PrintWriter out) {
        out.printf(
                "onsale bench %s · run %s · commit %s (bench.jar built from %s) · %s%n",
                kind, runId, commit, BuildInfo.jarCommit(), date);
        out.printf("machine: %s; broker %s (same machine)%n", machine.summary(), bootstrapServers);
        out.printf(
                "load average (1 min): %.1f at start, %.1f at end (above %d, other processes competed for the cpus)%n",
                loadAverageAtStart, machine.loadAverage1m(), machine.processors());
        out.printf("settings: %s%n%n", settings);
        if (latency != null) {
            latency.print(out);
        }
        if (producer != null || minimalProcessor != null || engine != null || queue != null) {
            out.printf(
                    "%-46s %10s %9s %12s %12s %9s %10s%n",
                    "what", "records", "seconds", "records/s", "middle 80%/s", "MB/s", "cpu µs/rec");
        }
        if (producer != null) {
            out.printf(
                    "%-46s %10s %9.2f %12s %12s %9.1f%n",
                    "producer, " + producer.bytesPerRecord() + " B/record, acks=all, idempotent",
                    number(producer.records()),
                    producer.seconds(),
                    number(producer.recordsPerSecond()),
                    "",
                    producer.megabytesPerSecond());
        }
        if (minimalProcessor != null) {
            row(out, "minimal get+put processor, exactly_once_v2", minimalProcessor.throughput());
        }
        if (engine != null) {
            row(out, "engine: configure " + number(engine.seats()) + " seats", engine.configure());
            row(
                    out,
                    engine.viaOrders()
                            ? "engine: single-seat orders answered, exactly_once_v2"
                            : "engine: unit decisions (holds), exactly_once_v2",
                    engine.decide());
            out.printf("%nengine decisions: %s; reject reasons: %s%n", engine.decisions(), engine.rejectReasons());
        }
        if (queue != null) {
            row(out, "waiting room: joins answered, exactly_once_v2", queue.join());
            out.printf(
                    "%nwaiting-room answers: %s; positions in join order: %s%n",
                    queue.answers(), queue.positionsInJoinOrder());
        }
        if (minimalProcessor != null) {
            out.printf(
                    "start-up to first output: minimal %.1f s",
                    minimalProcessor.throughput().startupSeconds());
            if (engine != null) {
                out.printf(", engine %.1f s", engine.decide().startupSeconds());
            }
            if (queue != null) {
                out.printf(", waiting room %.1f s", queue.join().startupSeconds());
            }
            out.println();
        }
        if (http != null) {
            out.printf(
                    "%nthrough the edge's HTTP API (wrk on this machine, sharing its cpus with the edge and the broker):%n");
            http.forEach((what, figures) -> out.printf("  %s: %s%n", what, figures));
        }
        if (!ratios.isEmpty()) {
            out.printf("ratios: %s%n", ratios);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String what, Throughput throughput) {
        out.printf(
                "%-46s %10s %9.2f %12s %12s %9s %10.1f%n",
                what,
                number(throughput.records()),
                throughput.firstToLastSeconds(),
                number(throughput.recordsPerSecond()),
                number(throughput.middle80RecordsPerSecond()),
                "",
                throughput.benchCpuMicrosPerRecord());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
