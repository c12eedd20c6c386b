package io.onsale.bench;

import io.onsale.kafka.app.CommitTiming;
import io.onsale.kafka.app.StreamsProperties;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The ceiling of a stateful exactly-once step on this machine: one persistent (RocksDB, changelogged) store, and
 * per record a get, a put and one forwarded record, with exactly the Streams settings the engine runs with
 * ({@link StreamsProperties}: exactly_once_v2, the same commit timing, bounded RocksDB memory). No Avro, no domain logic:
 * the engine's rate divided by this one is the share of the ceiling the engine reaches.
 */
final class MinimalProcessorBaseline {

    static final String SOURCE = "minimal-source";
    static final String GET_PUT = "get-put";
    static final String STORE = "minimal-store";
    static final String SINK = "minimal-sink";

    record Result(int records, int keys, int valueBytes, double preProduceSeconds, Throughput throughput) {}

    private MinimalProcessorBaseline() {}

    static Topology topology(String input, String output) {
        Topology topology = new Topology();
        topology.addSource(
                SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), input);
        topology.addProcessor(GET_PUT, GetPut::new, SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray()),
                GET_PUT);
        topology.addSink(
                SINK, output, Serdes.String().serializer(), Serdes.ByteArray().serializer(), GET_PUT);
        return topology;
    }

    /** Get the key's previous value, put the new one, forward one record. */
    static final class GetPut implements Processor<String, byte[], String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            byte[] previous = store.get(record.key());
            byte[] next = record.value();
            if (previous != null && previous.length > 0 && next.length > 0) {
                next = Arrays.copyOf(next, next.length);
                next[0] = (byte) (previous[0] + 1);
            }
            store.put(record.key(), next);
            context.forward(record.withValue(next));
        }
    }

    /**
     * Pre-produces {@code records} records over {@code keys} unit-like keys, then starts the processor and counts its
     * committed output until every input has its one output.
     */
    static Result run(
            BenchRun run,
            String name,
            int partitions,
            int threads,
            long rocksDbMemoryBytes,
            CommitTiming timing,
            int records,
            int keys,
            int valueBytes,
            IntFunction<String> keyOf,
            Duration idle) {
        String input = run.prefix() + name + "-input";
        String output = run.prefix() + name + "-output";
        run.createTopics(partitions, input, output);

        byte[] value = new byte[valueBytes];
        new Random(7).nextBytes(value);
        ProducerBaseline.Sent sent = ProducerBaseline.send(
                run.bootstrapServers(),
                input,
                records,
                i -> keyOf.apply(i % keys),
                i -> value,
                new ByteArraySerializer());

        StreamsProperties properties = new StreamsProperties(
                run.prefix() + name,
                run.bootstrapServers(),
                run.stateDir(name),
                null,
                1,
                0,
                threads,
                rocksDbMemoryBytes,
                timing);
        try (CommittedOutput reader = new CommittedOutput(run.bootstrapServers(), output, partitions);
                KafkaStreams streams = new KafkaStreams(topology(input, output), properties.toProperties())) {
            Map<TopicPartition, Long> from = reader.endOffsets();
            streams.setUncaughtExceptionHandler(error -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            long start = System.nanoTime();
            streams.start();
            Throughput throughput = reader.await(from, start, records, idle, () -> stopped(streams), record -> {});
            int extra = reader.extraRecordsWithin(Duration.ofMillis(500));
            if (extra > 0) {
                throw new IllegalStateException(extra + " outputs beyond one per input");
            }
            streams.close(Duration.ofSeconds(30));
            return new Result(records, keys, valueBytes, sent.nanos() / 1e9, throughput);
        }
    }

    static boolean stopped(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.ERROR
                || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR;
    }
}
