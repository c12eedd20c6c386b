package io.onsale.bench;

import io.onsale.kafka.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Steps every benchmark command shares: the Kafka baseline, the sizes of its records, and writing the report. */
final class BenchSteps {

    private BenchSteps() {}

    /** Bytes of one JOIN command as the waiting room reads it: the baseline's record size for the queue benchmarks. */
    static int encodedJoinBytes() {
        Topics topics = Topics.from(Topics.Settings.defaults());
        return topics.queueRequests()
                .valueSerde()
                .serializer()
                .serialize(topics.queueRequests().name(), QueueBenchmark.join(123_456))
                .length;
    }

    /** Bytes of one HOLD command as the engine reads it: the default size of baseline records. */
    static int encodedHoldBytes() {
        Topics topics = Topics.from(Topics.Settings.defaults());
        return topics.reservationRequests()
                .valueSerde()
                .serializer()
                .serialize(topics.reservationRequests().name(), new BenchVenue("bench-event", 50_000).hold(123_456))
                .length;
    }

    record Measured(ProducerBaseline.Result producer, MinimalProcessorBaseline.Result minimal) {}

    static Measured measureBaseline(BenchOptions.Common common, BenchRun run, int records, int keys) {
        BenchVenue venue = new BenchVenue("bench-event", keys);
        String producerTopic = run.prefix() + "producer-baseline";
        run.createTopics(common.partitions, producerTopic);
        if (common.warmupRecords > 0) {
            System.err.printf(
                    "bench: warm-up (not reported): producer and minimal processor, %,d records ...%n",
                    common.warmupRecords);
            ProducerBaseline.run(
                    common.bootstrap,
                    producerTopic,
                    common.warmupRecords,
                    common.recordSize(),
                    i -> venue.unitKey(i % keys));
            MinimalProcessorBaseline.run(
                    run,
                    "minimal-warmup",
                    common.partitions,
                    common.threads,
                    common.rocksDbMemoryMb * 1024L * 1024L,
                    common.timing(),
                    common.warmupRecords,
                    keys,
                    common.recordSize(),
                    venue::unitKey,
                    common.idle());
        }
        System.err.printf("bench: producer: %,d records of %d B ...%n", records, common.recordSize());
        ProducerBaseline.Result producer = ProducerBaseline.run(
                common.bootstrap, producerTopic, records, common.recordSize(), i -> venue.unitKey(i % keys));
        System.err.printf("bench: minimal processor: %,d records over %,d keys ...%n", records, keys);
        MinimalProcessorBaseline.Result minimal = MinimalProcessorBaseline.run(
                run,
                "minimal",
                common.partitions,
                common.threads,
                common.rocksDbMemoryMb * 1024L * 1024L,
                common.timing(),
                records,
                keys,
                common.recordSize(),
                venue::unitKey,
                common.idle());
        return new Measured(producer, minimal);
    }

    static int finish(BenchOptions.Common common, BenchRun run, Report report) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        out.println();
        report.print(out);
        Path file = common.reportFile(report.kind(), run);
        report.write(file);
        out.println("report: " + file.toAbsolutePath().normalize());
        return 0;
    }
}
