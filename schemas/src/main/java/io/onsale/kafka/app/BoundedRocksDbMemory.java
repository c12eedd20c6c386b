package io.onsale.kafka.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the off-heap memory of every RocksDB store of this JVM to one budget, as in the Kafka Streams guide
 * "Bounding memory usage": one LRU block cache shared by all stores, a write-buffer manager that charges every
 * memtable to that same cache, and index and filter blocks kept in the cache (high priority) instead of outside
 * it. Without this each store of each task has its own 50 MB cache and 3 × 16 MB memtables: 12 partitions
 * would reserve more than a gigabyte.
 *
 * <p>The budget is {@value #TOTAL_BYTES_CONFIG} in the Streams properties ({@link StreamsProperties} sets it). The
 * cache is created by the first store that opens and shared by every later one, in every Streams instance of the
 * JVM; a later instance asking for another size gets the first size and a warning. It is never closed: it lives
 * as long as the JVM.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Total off-heap bytes for block cache, index and filter blocks and memtables of all stores in this JVM. */
    public static final String TOTAL_BYTES_CONFIG = "onsale.rocksdb.memory.bytes";

    public static final long DEFAULT_TOTAL_BYTES = 256L * 1024 * 1024;
    /** Below this, memtables of a few stores would flush after every few hundred records. */
    public static final long MIN_TOTAL_BYTES = 8L * 1024 * 1024;

    /** Share of the cache reserved for index and filter blocks, so data blocks cannot evict them. */
    static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
    /**
     * Share of the budget memtables may take before the write-buffer manager flushes the largest one. An edge opens
     * some 130 stores (12 partitions of a dozen stores, both apps): at a quarter of 64 MiB, their first memtable blocks
     * alone passed the share, and the manager flushed and compacted without pause (30% of the edge's cpu under holds,
     * docs/benchmarks/log/2026-12-03-session-6-fast-reads.md).
     */
    static final double MEMTABLE_RATIO = 0.5;
    /**
     * Memtable arena block. RocksDB's default is an eighth of the write buffer (5 MiB here), charged to the
     * write-buffer manager by every store at its first write, even a store that holds a few records.
     */
    static final long ARENA_BLOCK_SIZE = 64 * 1024;

    static final int MEMTABLES_PER_STORE = 3;
    static final long BLOCK_SIZE = 4 * 1024;

    private static final Logger log = LoggerFactory.getLogger(BoundedRocksDbMemory.class);

    private static SharedMemory shared;

    /** The cache and write-buffer manager every store of this JVM uses. */
    record SharedMemory(long totalBytes, long memtableBytes, Cache cache, WriteBufferManager writeBufferManager) {}

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        SharedMemory memory = sharedMemory(totalBytes(configs));

        // Kafka Streams hands over options with its own block-based table config already set; keep its settings.
        BlockBasedTableConfig table = options.tableFormatConfig() instanceof BlockBasedTableConfig
                ? (BlockBasedTableConfig) options.tableFormatConfig()
                : new BlockBasedTableConfig();
        // These three bound the memory: one cache for blocks, for index and filter blocks, and (charged) for memtables.
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        options.setWriteBufferManager(memory.writeBufferManager());
        // Recommended with a bounded cache: index and filters are evicted last, top-level ones never.
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        // A memtable never larger than the whole memtable share: the write-buffer manager decides when to flush.
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(Math.max(1024 * 1024, memory.memtableBytes() / MEMTABLES_PER_STORE));
        options.setArenaBlockSize(ARENA_BLOCK_SIZE);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store of the JVM: closing them here would pull
        // them from under the stores still open.
    }

    /** Bytes the shared cache holds now (blocks, index and filter blocks, memtable reservations); 0 before any store. */
    public static synchronized long usageBytes() {
        return shared == null ? 0 : shared.cache().getUsage();
    }

    /** The budget in force in this JVM, or 0 before the first store opened. */
    public static synchronized long totalBytes() {
        return shared == null ? 0 : shared.totalBytes();
    }

    static synchronized SharedMemory sharedMemory(long totalBytes) {
        if (shared == null) {
            RocksDB.loadLibrary();
            long memtableBytes = (long) (totalBytes * MEMTABLE_RATIO);
            Cache cache = new LRUCache(totalBytes, -1, false, INDEX_FILTER_BLOCK_RATIO);
            shared = new SharedMemory(totalBytes, memtableBytes, cache, new WriteBufferManager(memtableBytes, cache));
            log.info(
                    "RocksDB memory of all stores bounded to {} MiB (memtables up to {} MiB of it)",
                    totalBytes / (1024 * 1024),
                    memtableBytes / (1024 * 1024));
        } else if (shared.totalBytes() != totalBytes) {
            log.warn(
                    "RocksDB memory is already bounded to {} bytes for this JVM; ignoring the request for {} bytes",
                    shared.totalBytes(),
                    totalBytes);
        }
        return shared;
    }

    static long totalBytes(Map<String, Object> configs) {
        Object value = configs.get(TOTAL_BYTES_CONFIG);
        if (value == null) {
            return DEFAULT_TOTAL_BYTES;
        }
        long bytes;
        try {
            bytes = value instanceof Number
                    ? ((Number) value).longValue()
                    : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    TOTAL_BYTES_CONFIG + " must be a number of bytes, got '" + value + "'", e);
        }
        if (bytes < MIN_TOTAL_BYTES) {
            throw new IllegalArgumentException(
                    TOTAL_BYTES_CONFIG + " must be at least " + MIN_TOTAL_BYTES + " bytes (8 MiB), got " + bytes);
        }
        return bytes;
    }
}
