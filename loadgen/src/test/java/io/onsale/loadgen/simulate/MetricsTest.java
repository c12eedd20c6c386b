package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.Problem;
import io.onsale.loadgen.simulate.Metrics.Count;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void failuresAreCountedByKindAndStepAndRefusalsByReason() {
        Metrics metrics = new Metrics();

        metrics.failed(Step.HOLD, Count.TIMEOUTS);
        metrics.failed(Step.HOLD, Count.TIMEOUTS);
        metrics.failed(Step.EVENT, Count.TRANSPORT_ERRORS);
        metrics.rejected("SEAT_TAKEN", 0);
        metrics.rejected("SEAT_TAKEN", 1);
        metrics.rejected("SOLD_OUT", 1);
        metrics.httpError(Step.HOLD, 503, null, Duration.ofSeconds(1));
        metrics.httpError(Step.EVENT, 422, null, Duration.ZERO);

        assertThat(metrics.get(Count.TIMEOUTS)).isEqualTo(2);
        assertThat(metrics.timeoutsByStep()).isEqualTo(Map.of(Step.HOLD, 2L));
        assertThat(metrics.transportErrorsByStep()).isEqualTo(Map.of(Step.EVENT, 1L));
        assertThat(metrics.rejectedByReason()).isEqualTo(Map.of("SEAT_TAKEN", 2L, "SOLD_OUT", 1L));
        assertThat(metrics.get(Count.SERVER_ERRORS)).isEqualTo(1);
        assertThat(metrics.get(Count.CLIENT_ERRORS)).isEqualTo(1);
        assertThat(metrics.refusedPerSecond()).containsExactly(1, 2);
    }

    @Test
    void serverErrorsAreToldApartByStepKindAndWhetherTheySaidWhenToComeBack() {
        Metrics metrics = new Metrics();
        Problem unavailable = new Problem(
                "urn:onsale:problem:unavailable", "Unavailable", 503, "try again", null, null, List.of(), List.of());

        metrics.httpError(Step.HOLD, 503, unavailable, Duration.ofSeconds(1));
        metrics.httpError(Step.HOLD, new OrderOutcome.Failed(503, unavailable, Duration.ofSeconds(2)));
        metrics.httpError(Step.QUEUE_STATUS, 503, unavailable, Duration.ZERO);
        metrics.httpError(Step.PAYMENT, 500, null, Duration.ZERO);
        metrics.httpError(Step.HOLD, 429, null, Duration.ofSeconds(1));

        assertThat(metrics.serverErrors())
                .isEqualTo(Map.of(
                        "hold 503 unavailable",
                        2L,
                        "queue_status 503 unavailable without Retry-After",
                        1L,
                        "payment 500 status 500 without Retry-After",
                        1L));
        assertThat(metrics.errorsByStatus()).isEqualTo(Map.of(503, 3L, 500, 1L, 429, 1L));
        assertThat(metrics.get(Count.SERVER_ERRORS)).isEqualTo(4);
    }

    @Test
    void ticketsHeldPerSecondEndAtTheLastSecondWithAnyAndLatencyIsKeptInMicroseconds() {
        Metrics metrics = new Metrics();

        metrics.heldTickets(2, 0);
        metrics.heldTickets(4, 3);
        metrics.record(Step.HOLD, TimeUnit.MILLISECONDS.toNanos(250));

        assertThat(metrics.ticketsHeldPerSecond()).containsExactly(2, 0, 0, 4);
        assertThat(metrics.get(Count.TICKETS_HELD)).isEqualTo(6);
        assertThat(Report.ms(metrics.latency(Step.HOLD).getValueAtPercentile(50)))
                .isCloseTo(250.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void ticketsSoldAreCountedInTheSecondOfThePayment() {
        Metrics metrics = new Metrics();

        metrics.heldTickets(2, 0);
        metrics.soldTickets(2, 2);
        metrics.soldTickets(3, 2);

        assertThat(metrics.ticketsSoldPerSecond()).containsExactly(0, 0, 5);
        assertThat(metrics.get(Count.TICKETS_SOLD)).isEqualTo(5);
        assertThat(metrics.ticketsHeldPerSecond()).containsExactly(2);
    }

    @Test
    void theQueueLengthIsWhoJoinedLessWhoeverLeftTheRoomSampledEachSecond() {
        Metrics metrics = new Metrics();
        long second = TimeUnit.SECONDS.toNanos(1);

        metrics.add(Count.QUEUE_JOINED, 10);
        metrics.sampleQueueLength(0);
        metrics.add(Count.QUEUE_ADMITTED, 4);
        metrics.add(Count.QUEUE_SOLD_OUT, 1);
        metrics.add(Count.QUEUE_EXPIRED, 1);
        metrics.add(Count.QUEUE_LOST, 1);
        metrics.sampleQueueLength(second);
        metrics.add(Count.QUEUE_ADMITTED, 3);
        metrics.sampleQueueLength(2 * second);

        assertThat(metrics.inWaitingRoom()).isZero();
        assertThat(metrics.queueLengthPerSecond()).containsExactly(10, 3, 0);
    }
}
