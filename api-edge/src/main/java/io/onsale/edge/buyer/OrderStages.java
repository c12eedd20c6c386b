package io.onsale.edge.buyer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.onsale.edge.platform.AnswerTiming;
import java.util.concurrent.TimeUnit;

/**
 * Where the edge's wait for each order's answer went, as timers {@code onsale.orders.stages} (tag {@code stage}): the
 * buyer's limit read, Kafka's acknowledgement of the command, the engine's decision, its commit until the edge's
 * follower saw it, and the hop back to answer. A slow answer under load is then told apart at a glance: a queue in the
 * edge, a broker slow to acknowledge, an engine behind, or commits and followers late.
 */
final class OrderStages {

    private final Timer limitRead;
    private final Timer produce;
    private final Timer decide;
    private final Timer commit;
    private final Timer answer;

    OrderStages(MeterRegistry meters) {
        this.limitRead = timer(meters, "limit-read");
        this.produce = timer(meters, "produce");
        this.decide = timer(meters, "decide");
        this.commit = timer(meters, "commit");
        this.answer = timer(meters, "answer");
    }

    private static Timer timer(MeterRegistry meters, String stage) {
        return Timer.builder("onsale.orders.stages")
                .tag("stage", stage)
                .description("where the edge's wait for an order's answer went")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    void limitRead(long micros) {
        record(limitRead, micros);
    }

    /** One answered order's stages; an answer without the engine's decision time counts its engine part as commit. */
    void record(AnswerTiming timing, long answeredUs) {
        record(produce, timing.producedUs() - timing.receivedUs());
        if (timing.decidedUs() > 0) {
            record(decide, timing.decidedUs() - timing.producedUs());
            record(commit, timing.seenUs() - timing.decidedUs());
        } else {
            record(commit, timing.seenUs() - timing.producedUs());
        }
        record(answer, answeredUs - timing.seenUs());
    }

    /**
     * Instants taken on different threads can cross: the engine may decide a command before the producer's callback has
     * noted Kafka's acknowledgement of it. Such a stage took no time of its own.
     */
    private static void record(Timer timer, long micros) {
        timer.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
    }
}
