package io.onsale.edge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;

class StreamsLivenessTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final StreamsLiveness liveness = new StreamsLiveness("the test topology", event -> {
        if (event instanceof AvailabilityChangeEvent<?> change) {
            availability.onApplicationEvent(change);
        }
    });

    @Test
    void aTopologyThatReachesErrorBreaksTheEdgesLiveness() {
        AvailabilityChangeEvent.publish(
                event -> availability.onApplicationEvent((AvailabilityChangeEvent<?>) event),
                this,
                LivenessState.CORRECT);

        liveness.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);

        liveness.onChange(State.ERROR, State.PENDING_ERROR);
        assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
    }

    @Test
    void startingRebalancingAndShuttingDownLeaveLivenessAlone() {
        AvailabilityChangeEvent.publish(
                event -> availability.onApplicationEvent((AvailabilityChangeEvent<?>) event),
                this,
                LivenessState.CORRECT);

        liveness.onChange(State.REBALANCING, State.CREATED);
        liveness.onChange(State.RUNNING, State.REBALANCING);
        liveness.onChange(State.REBALANCING, State.RUNNING);
        liveness.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        liveness.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);

        assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
    }
}
