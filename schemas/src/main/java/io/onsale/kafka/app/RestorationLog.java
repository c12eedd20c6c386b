package io.onsale.kafka.app;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this instance replayed from changelogs to take tasks over, and what its standbys kept warm meanwhile: the
 * evidence that a failover was served by a standby (a few records restored) rather than by a replay (the whole
 * changelog). Counted over the process's life; served at {@code /restoration} of the query endpoint, as counters at its
 * {@code /metrics} ({@link StreamsAppMetrics}) and logged.
 */
public final class RestorationLog implements StateRestoreListener, StandbyUpdateListener {

    private static final Logger log = LoggerFactory.getLogger(RestorationLog.class);
    private static final long SLOW_MILLIS = 200;

    private final AtomicLong restorations = new AtomicLong();
    private final AtomicLong restoredRecords = new AtomicLong();
    private final AtomicLong restoreMillis = new AtomicLong();
    private final AtomicLong standbyRecords = new AtomicLong();
    private final java.util.Map<TopicPartition, Long> startedAt = new java.util.concurrent.ConcurrentHashMap<>();

    /** Listens to {@code streams}' restorations and standby updates; before its start, as Streams requires. */
    public static RestorationLog attach(KafkaStreams streams) {
        RestorationLog restoration = new RestorationLog();
        streams.setGlobalStateRestoreListener(restoration);
        streams.setStandbyUpdateListener(restoration);
        return restoration;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        startedAt.put(partition, System.nanoTime());
        restorations.incrementAndGet();
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restoredRecords.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Long started = startedAt.remove(partition);
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        restoreMillis.addAndGet(millis);
        // A partition with nothing to restore that still took a while is where a restart's time goes.
        if (totalRestored > 0 || millis >= SLOW_MILLIS) {
            log.info("restored {} records of {} ({}) in {} ms", totalRestored, store, partition, millis);
        }
    }

    @Override
    public void onUpdateStart(TopicPartition partition, String store, long startingOffset) {}

    @Override
    public void onBatchLoaded(
            TopicPartition partition,
            String store,
            TaskId task,
            long batchEndOffset,
            long batchSize,
            long currentEndOffset) {
        standbyRecords.addAndGet(batchSize);
    }

    @Override
    public void onUpdateSuspended(
            TopicPartition partition, String store, long storeOffset, long currentEndOffset, SuspendReason reason) {}

    /** Changelog partitions this instance started restoring (one per store partition of each task taken over). */
    public long restorations() {
        return restorations.get();
    }

    /** Records replayed from changelogs into local stores. */
    public long restoredRecords() {
        return restoredRecords.get();
    }

    /** Time spent restoring, summed over partitions (they restore side by side, so it can exceed the wall time). */
    public long restoreMillis() {
        return restoreMillis.get();
    }

    /** Records the standby tasks copied from changelogs while their active twin ran elsewhere. */
    public long standbyRecords() {
        return standbyRecords.get();
    }

    /** {@code name value} lines: restorations, restored-records, restore-millis, standby-records. */
    public String format() {
        return "restorations " + restorations.get() + "\nrestored-records " + restoredRecords.get()
                + "\nrestore-millis " + restoreMillis.get() + "\nstandby-records " + standbyRecords.get() + "\n";
    }
}
