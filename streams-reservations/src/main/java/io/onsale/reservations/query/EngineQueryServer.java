package io.onsale.reservations.query;

import io.onsale.kafka.app.StreamsAppConfig;
import io.onsale.kafka.app.StreamsHttpEndpoint.Reply;
import io.onsale.kafka.app.StreamsHttpEndpoint.Route;
import io.onsale.kafka.codec.AvroSerdes;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.reservations.topology.ReservationsTopology;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What a standalone engine answers about the state it owns, for edges that do not run the engine themselves
 * ({@code onsale.edge.embedded-engine=false}). Values travel as the records themselves (Avro single-object encoding, as
 * on the topics; a list as length-prefixed records), so the edge builds its answers exactly as it does from a local
 * store. An instance asked for a key it does not own says who does ({@value #OWNER_HEADER}, status 421) rather than
 * forwarding: the edge learns the owner and goes there itself next time.
 *
 * <ul>
 *   <li>{@code GET /owners}: which instance owns each partition of each queried store ({@link OwnerTable} text).</li>
 *   <li>{@code GET /orders?event=&buyer=}, {@code GET /unit?event=&section=&unit=}: one record, or 404.</li>
 *   <li>{@code GET /section?event=&section=}: every unit of a section.</li>
 * </ul>
 */
public final class EngineQueryServer {

    /** On a 421: the {@code host:port} of the instance that owns the key. */
    public static final String OWNER_HEADER = "Onsale-Owner";
    /** Stores the edges query by key, and so need the owners of. */
    public static final List<String> KEYED_STORES = List.of(
            ReservationsTopology.ORDERS_STORE,
            ReservationsTopology.UNITS_STORE,
            ReservationsTopology.SECTION_AVAILABILITY_STORE);

    private static final Serializer<BuyerOrders> ORDERS =
            AvroSerdes.of(BuyerOrders.class).serializer();
    private static final Serializer<UnitState> UNITS =
            AvroSerdes.of(UnitState.class).serializer();
    private static final Serializer<UnitAvailability> AVAILABILITY =
            AvroSerdes.of(UnitAvailability.class).serializer();

    private EngineQueryServer() {}

    /** The routes of {@link io.onsale.kafka.app.StreamsLauncher#run} for the engine. */
    public static Map<String, Route> routes(StreamsAppConfig config, KafkaStreams streams) {
        ReservationQueries queries =
                ReservationQueries.of(streams, HostInfo.buildFromEndpoint(config.applicationServer()));
        return Map.of(
                "/owners",
                        parameters -> Reply.text(
                                200, owners(streams, config.partitions()).format()),
                "/orders",
                        parameters -> reply(
                                queries.orders(required(parameters, "event"), required(parameters, "buyer")),
                                found -> found.map(orders -> Reply.bytes(ORDERS.serialize(null, orders)))
                                        .orElse(NOT_FOUND)),
                "/unit",
                        parameters -> reply(
                                queries.unit(
                                        required(parameters, "event"),
                                        required(parameters, "section"),
                                        required(parameters, "unit")),
                                found -> found.map(unit -> Reply.bytes(UNITS.serialize(null, unit)))
                                        .orElse(NOT_FOUND)),
                "/section",
                        parameters -> reply(
                                queries.section(required(parameters, "event"), required(parameters, "section")),
                                units -> Reply.bytes(frames(units))));
    }

    private static final Reply NOT_FOUND = Reply.text(404, "no such record");

    private static String required(Map<String, String> parameters, String name) {
        return io.onsale.kafka.app.StreamsHttpEndpoint.required(parameters, name);
    }

    private static <T> Reply reply(Answer<T> answer, Function<T, Reply> found) {
        if (answer instanceof Answer.Local<T> here) {
            return found.apply(here.value());
        }
        if (answer instanceof Answer.Remote<T> remote) {
            return new Reply(
                    421,
                    "text/plain; charset=utf-8",
                    "owned by another instance".getBytes(StandardCharsets.UTF_8),
                    Map.of(
                            OWNER_HEADER,
                            remote.host().host() + ":" + remote.host().port()));
        }
        return Reply.text(503, ((Answer.Unavailable<T>) answer).why());
    }

    /** Unit availabilities as {@code [int length][record]...}: {@link #readFrames} reads them. */
    static byte[] frames(List<UnitAvailability> units) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(units.size() * 64);
            DataOutputStream out = new DataOutputStream(bytes);
            for (UnitAvailability unit : units) {
                byte[] record = AVAILABILITY.serialize(null, unit);
                out.writeInt(record.length);
                out.write(record);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records of a {@link #frames} body, each still encoded. */
    public static List<byte[]> readFrames(byte[] body) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(body);
        java.util.ArrayList<byte[]> records = new java.util.ArrayList<>();
        while (buffer.hasRemaining()) {
            byte[] record = new byte[buffer.getInt()];
            buffer.get(record);
            records.add(record);
        }
        return records;
    }

    /** Who owns each partition of each keyed store now, as this instance's Streams metadata says. */
    static OwnerTable owners(KafkaStreams streams, int partitions) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new OwnerTable(partitions, Map.of());
        }
        return new OwnerTable(partitions, KEYED_STORES.stream().collect(Collectors.toMap(store -> store, store -> {
            HostInfo[] owners = new HostInfo[partitions];
            for (int partition = 0; partition < partitions; partition++) {
                int wanted = partition;
                KeyQueryMetadata metadata = streams.queryMetadataForKey(
                        store, "", (topic, key, value, count) -> Optional.of(Set.of(wanted)));
                owners[partition] = metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                        ? null
                        : metadata.activeHost();
            }
            return java.util.Arrays.stream(owners).map(Optional::ofNullable).toList();
        })));
    }
}
