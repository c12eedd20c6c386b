package io.onsale.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How fast committed output arrived at a read_committed reader.
 *
 * <p>Output becomes visible one transaction (one commit interval) at a time, so the records of the first visible
 * transaction were produced before the first arrival. The rate therefore counts only the records that arrived
 * after the first batch, over the time from the first to the last arrival: {@code (records - firstBatch) /
 * (last - first)}. {@code middle80} is the rate between the arrivals of the 10th and the 90th percentile record,
 * which leaves out JIT warm-up at the start and the last partitions draining at the end.
 *
 * @param records          output records counted
 * @param startupSeconds   from {@code KafkaStreams#start()} (or the first send) to the first output record
 * @param firstToLastSeconds from the first to the last arrival
 * @param recordsPerSecond the headline rate, as above
 * @param middle80RecordsPerSecond the rate between the 10th and 90th percentile arrivals
 * @param perSecond        records that arrived in each second after the first arrival
 * @param benchCpuMicrosPerRecord CPU time of the whole bench process (stream threads, reader, GC, JIT) between the
 *                        first and the last arrival, per record: less sensitive than the rate to other processes
 *                        on the machine; the broker's CPU is not in it
 */
record Throughput(
        long records,
        double startupSeconds,
        double firstToLastSeconds,
        double recordsPerSecond,
        double middle80RecordsPerSecond,
        List<Long> perSecond,
        double benchCpuMicrosPerRecord) {

    /** @param arrivals nanoTime of each record's arrival, in arrival order; {@code firstBatch} records came in the first poll */
    static Throughput of(long startNanos, long[] arrivals, int count, int firstBatch) {
        return of(startNanos, arrivals, count, firstBatch, 0);
    }

    /** @param cpuNanos process CPU time from the first to the last arrival */
    static Throughput of(long startNanos, long[] arrivals, int count, int firstBatch, long cpuNanos) {
        if (count == 0) {
            return new Throughput(0, 0, 0, 0, 0, List.of(), 0);
        }
        long first = arrivals[0];
        long last = arrivals[count - 1];
        double span = (last - first) / 1e9;
        double rate = span > 0 ? (count - firstBatch) / span : 0;
        int p10 = (int) (count * 0.1);
        int p90 = Math.max(p10, (int) (count * 0.9) - 1);
        double middleSpan = (arrivals[p90] - arrivals[p10]) / 1e9;
        double middle = middleSpan > 0 ? (p90 - p10) / middleSpan : rate;
        List<Long> perSecond = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int second = (int) ((arrivals[i] - first) / 1_000_000_000L);
            while (perSecond.size() <= second) {
                perSecond.add(0L);
            }
            perSecond.set(second, perSecond.get(second) + 1);
        }
        double cpuPerRecord = count > firstBatch ? cpuNanos / 1e3 / (count - firstBatch) : 0;
        return new Throughput(
                count, (first - startNanos) / 1e9, span, rate, middle, List.copyOf(perSecond), cpuPerRecord);
    }
}
