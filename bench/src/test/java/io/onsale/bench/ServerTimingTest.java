package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void readsEveryMetricsDurationInMillisInHeaderOrder() {
        Map<String, Double> timing = ServerTiming.parse(
                "produce;dur=1.204, decide;dur=8.410, commit;dur=10.102, answer;dur=0.611, edge;dur=20.327");

        assertThat(timing)
                .containsExactly(
                        Map.entry("produce", 1.204),
                        Map.entry("decide", 8.41),
                        Map.entry("commit", 10.102),
                        Map.entry("answer", 0.611),
                        Map.entry("edge", 20.327));
    }

    @Test
    void metricsMayComeInAnyOrderAndSomeMayBeMissing() {
        assertThat(ServerTiming.parse("edge;dur=20, produce;dur=2"))
                .containsOnly(Map.entry("edge", 20.0), Map.entry("produce", 2.0));
    }

    @Test
    void descriptionsAreIgnoredEvenQuotedWithCommasSemicolonsAndEscapedQuotes() {
        Map<String, Double> timing = ServerTiming.parse(
                "decide;desc=\"engine, exactly-once; \\\"v2\\\"\";dur=8.5, commit;dur=3;desc=follower, answer;desc=write;dur=.5");

        assertThat(timing)
                .containsExactly(Map.entry("decide", 8.5), Map.entry("commit", 3.0), Map.entry("answer", 0.5));
    }

    @Test
    void unknownMetricsAreReadLikeAnyOtherAndLeftToTheCaller() {
        assertThat(ServerTiming.parse("cache;dur=0.2, produce;dur=1"))
                .containsEntry("cache", 0.2)
                .containsEntry("produce", 1.0);
    }

    @Test
    void whitespaceAroundSeparatorsAndAnUpperCaseParameterNameAreAccepted() {
        assertThat(ServerTiming.parse("  produce ; DUR = 1.5 ,edge;dur=\"2.25\"  "))
                .containsExactly(Map.entry("produce", 1.5), Map.entry("edge", 2.25));
    }

    @Test
    void onlyTheFirstDurationOfAMetricAndTheFirstMetricOfANameCount() {
        assertThat(ServerTiming.parse("edge;dur=5;dur=7, edge;dur=9")).containsExactly(Map.entry("edge", 5.0));
    }

    @Test
    void aMetricWithoutAReadableDurationIsLeftOutAndTheOthersAreKept() {
        Map<String, Double> timing = ServerTiming.parse(
                "hit, produce;dur, decide;dur=abc, commit;dur=-1, answer;dur=1e999, warm;dur=1.2.3, edge;dur=1e1");

        assertThat(timing).containsExactly(Map.entry("edge", 10.0));
    }

    @Test
    void malformedMetricNamesAreSkipped() {
        assertThat(ServerTiming.parse(";dur=1, dur=2, pro duce;dur=3, , produce;dur=4"))
                .containsExactly(Map.entry("produce", 4.0));
    }

    @Test
    void anUnterminatedQuoteLosesWhatFollowsItButNotWhatCameBefore() {
        assertThat(ServerTiming.parse("produce;dur=1, decide;desc=\"oops, edge;dur=20"))
                .containsExactly(Map.entry("produce", 1.0));
    }

    @Test
    void noHeaderOrAnEmptyOneIsNoMetric() {
        assertThat(ServerTiming.parse(null)).isEmpty();
        assertThat(ServerTiming.parse("")).isEmpty();
        assertThat(ServerTiming.parse("   ,  ; ")).isEmpty();
        assertThat(ServerTiming.parse("garbage")).isEmpty();
    }

    @Test
    void severalHeaderLinesJoinedWithCommasAreOneList() {
        assertThat(ServerTiming.parse(String.join(",", "produce;dur=1", "edge;dur=20")))
                .containsOnlyKeys("produce", "edge");
    }
}
