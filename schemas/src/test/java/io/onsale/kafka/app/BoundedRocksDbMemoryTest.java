package io.onsale.kafka.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * The cache is shared by the whole JVM and sized by the first store that opens, so every test here uses the
 * default budget and never assumes it is the first to open a store.
 */
class BoundedRocksDbMemoryTest {

    private static final Map<String, Object> DEFAULT_BUDGET =
            Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);

    @TempDir
    Path dir;

    @Test
    void everyStoreOfTheJvmSharesOneCacheAndOneWriteBufferManager() {
        try (Options units = streamsLikeOptions();
                Options orders = streamsLikeOptions()) {
            new BoundedRocksDbMemory().setConfig("units", units, DEFAULT_BUDGET);
            new BoundedRocksDbMemory().setConfig("orders", orders, DEFAULT_BUDGET);

            assertThat(units.writeBufferManager()).isNotNull().isSameAs(orders.writeBufferManager());
            assertThat(BoundedRocksDbMemory.totalBytes()).isEqualTo(BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
        }
    }

    @Test
    void indexAndFilterBlocksLiveInTheCacheWithHighPriority() {
        try (Options options = streamsLikeOptions()) {
            new BoundedRocksDbMemory().setConfig("units", options, DEFAULT_BUDGET);

            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(table.blockSize()).isEqualTo(BoundedRocksDbMemory.BLOCK_SIZE);
        }
    }

    @Test
    void allMemtablesOfAStoreFitInTheMemtableShareOfTheBudget() {
        try (Options options = streamsLikeOptions()) {
            new BoundedRocksDbMemory().setConfig("units", options, DEFAULT_BUDGET);

            long memtableShare =
                    (long) (BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES * BoundedRocksDbMemory.MEMTABLE_RATIO);
            assertThat(options.writeBufferSize() * options.maxWriteBufferNumber())
                    .isLessThanOrEqualTo(memtableShare);
        }
    }

    @Test
    void writesToARealStoreAreChargedToTheSharedCache() throws Exception {
        try (Options options = streamsLikeOptions().setCreateIfMissing(true)) {
            new BoundedRocksDbMemory().setConfig("units", options, DEFAULT_BUDGET);
            long before = BoundedRocksDbMemory.usageBytes();
            try (RocksDB db = RocksDB.open(options, dir.resolve("units").toString())) {
                byte[] value = new byte[200];
                for (int i = 0; i < 20_000; i++) {
                    db.put(("E1|A|seat-" + i).getBytes(StandardCharsets.UTF_8), value);
                }

                assertThat(BoundedRocksDbMemory.usageBytes())
                        .isGreaterThan(before)
                        .isLessThanOrEqualTo(BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
            }
        }
    }

    @Test
    void theBudgetIsReadFromTheStreamsConfigAsNumberOrText() {
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of())).isEqualTo(BoundedRocksDbMemory.DEFAULT_TOTAL_BYTES);
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, 134_217_728L)))
                .isEqualTo(128L * 1024 * 1024);
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, " 33554432 ")))
                .isEqualTo(32L * 1024 * 1024);
    }

    @Test
    void aBudgetThatIsNotANumberOrTooSmallIsNamed() {
        assertThatThrownBy(
                        () -> BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onsale.rocksdb.memory.bytes must be a number of bytes, got 'lots'");
        assertThatThrownBy(() -> BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, 1024)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 8388608 bytes");
    }

    /** What Kafka Streams' RocksDB store hands to a config setter: options with a block-based table config set. */
    private static Options streamsLikeOptions() {
        RocksDB.loadLibrary();
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfig());
        return options;
    }
}
