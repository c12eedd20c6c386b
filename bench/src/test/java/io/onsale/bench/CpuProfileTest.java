package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuProfileTest {

    @Test
    void samplesAreSummedPerThreadGroupAndPerOwnMethodOncePerStack() {
        CpuProfile profile = CpuProfile.of(
                List.of(
                        "[reactor-http-epoll-1 tid=101];io/netty/Loop.run;io/onsale/edge/A.read;io/onsale/edge/A.read 300",
                        "[reactor-http-epoll-2 tid=102];io/netty/Loop.run;io/onsale/edge/B.write 100",
                        "[rocksdb:low tid=7];rocksdb::Compaction 500",
                        "[C2 CompilerThread0 tid=9];Compile 100",
                        "not a stack"),
                1.0);

        assertThat(profile.samples()).isEqualTo(1_000);
        assertThat(profile.byThreadGroup())
                .containsExactly(
                        java.util.Map.entry("rocksdb:low", 500L),
                        java.util.Map.entry("reactor-http-epollN", 400L),
                        java.util.Map.entry("CN CompilerThreadN", 100L));
        assertThat(profile.byOwnMethod())
                .containsEntry("io.onsale.edge.A.read", 300L)
                .containsEntry("io.onsale.edge.B.write", 100L);
        assertThat(profile.cores(500, JvmProfiler.INTERVAL_NANOS)).isEqualTo(0.5);
        assertThat(profile.table(JvmProfiler.INTERVAL_NANOS, 2))
                .contains("1.00 cores")
                .contains("0.50  rocksdb:low")
                .contains("30.0%  io.onsale.edge.A.read")
                .doesNotContain("CompilerThread");
    }

    @Test
    void threadsOfOneKindAreOneGroup() {
        assertThat(CpuProfile.threadGroup(
                        "[onsale-reservations-14c6da9e-05db-40fb-aa65-36223d487c1a-StreamThread-1 tid=25]"))
                .isEqualTo("onsale-reservations-*-StreamThreadN");
        assertThat(CpuProfile.threadGroup("[GC Thread#1 tid=8]")).isEqualTo("GC ThreadN");
    }
}
