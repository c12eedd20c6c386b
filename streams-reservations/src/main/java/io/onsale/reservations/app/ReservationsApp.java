package io.onsale.reservations.app;

import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.reservations.topology.ReservationsTopology;

/**
 * The reservation engine on its own, without the edge. Instances share the consumer group
 * {@code onsale.kafka.application-id} with the edge instances that embed the same topology, so adding either
 * adds decision capacity; never run two different application ids against the same topics.
 */
public final class ReservationsApp {

    private ReservationsApp() {
    }

    public static void main(String[] args) throws Exception {
        StreamsLauncher.run("reservations", ReservationsTopology::build, args);
    }
}
