package io.onsale.reservations.app;

import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.reservations.query.EngineQueryServer;
import io.onsale.reservations.topology.ReservationsTopology;

/**
 * The reservation engine on its own, without the edge ({@code engine.jar}, {@code ./ticketing engine start}).
 * Instances share the consumer group {@code onsale.kafka.application-id} with the edge instances that embed the same
 * topology, so adding either adds decision capacity; never run two different application ids against the same topics.
 * With {@code onsale.kafka.application-server} set, it answers the edges' queries on the state it owns
 * ({@link EngineQueryServer}) at that address.
 */
public final class ReservationsApp {

    private ReservationsApp() {}

    public static void main(String[] args) throws Exception {
        StreamsLauncher.run("reservations", ReservationsTopology::build, EngineQueryServer::routes, args);
    }
}
