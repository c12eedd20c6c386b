package io.onsale.edge.platform;

import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.schema.config.EventConfig;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The reservation engine as this edge reaches it: embedded in this process ({@link ReservationsStreams},
 * {@code onsale.edge.embedded-engine=true}) or running as its own processes that the edge asks over their query
 * endpoints ({@link RemoteEngine}). Everything the edge reads of the engine's state goes through here.
 */
public interface Engine {

    /** RUNNING while every answer can be had; anything else turns readiness DOWN and copies stale. */
    KafkaStreams.State state();

    /** Queries on the engine's state; {@link StoreUnavailableException} while they cannot be asked at all. */
    ReservationQueries queries();

    /** The validated config of an event, as the engine decides with it. */
    Optional<EventConfig> event(String eventId);

    /**
     * Tells {@code listener} (on a reader thread: it must return at once) the id of each event whose config has just
     * changed.
     */
    void onCatalogChange(Consumer<String> listener);

    /** This instance's {@code application.server} when other edges forward to it, else {@code null}. */
    String applicationServer();
}
