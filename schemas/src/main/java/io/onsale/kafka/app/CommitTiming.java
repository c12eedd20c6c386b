package io.onsale.kafka.app;

/**
 * How often a Streams app of the platform commits, and how long its thread waits for input before it looks at the
 * clock again. Under exactly-once a decision is visible to readers only after its task commits, so these two are the
 * floor of every hop's latency: a record processed just after a commit waits for the next one, and a thread blocked in
 * {@code poll} for {@code poll.ms} commits only when the poll returns. Chosen by measurement
 * (docs/benchmarks/log/2026-12-03-session-5-fast-holds.md, "Commit interval, measured"); both are settings so a
 * deployment can trade latency for throughput.
 *
 * @param commitIntervalMs Streams' {@code commit.interval.ms}
 * @param pollMs           Streams' {@code poll.ms}: at most the commit interval, or an idle thread delays its commits
 */
public record CommitTiming(int commitIntervalMs, int pollMs) {

    public static final CommitTiming DEFAULT = new CommitTiming(20, 5);

    public CommitTiming {
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("the commit interval must be at least 1 ms, got " + commitIntervalMs);
        }
        if (pollMs < 1 || pollMs > commitIntervalMs) {
            throw new IllegalArgumentException("poll.ms must be between 1 ms and the commit interval ("
                    + commitIntervalMs + " ms), got " + pollMs);
        }
    }
}
