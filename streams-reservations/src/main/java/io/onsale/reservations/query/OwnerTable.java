package io.onsale.reservations.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which engine instance owns each partition of each keyed store, as one engine's Streams metadata said at one moment:
 * what lets an edge that does not run the engine ask the owner of a key directly. A hint, not the truth: ownership
 * moves on every rebalance, so the owner checks again and answers 421 with the new owner when it moved.
 *
 * <p>Text on the wire, one line per store: {@code partitions 12}, then {@code orders 127.0.0.1:18180 - 127.0.0.1:18181
 * ...} (one entry per partition, {@code -} for none right now).
 */
public record OwnerTable(int partitions, Map<String, List<Optional<HostInfo>>> owners) {

    private static final String NONE = "-";

    public OwnerTable {
        owners = Map.copyOf(owners);
    }

    /**
     * The partition of a routing key ({@link ReservationQueries#ordersKey}, {@link ReservationQueries#sectionKey}) among
     * {@code partitions}: Kafka's default partitioner on the key's UTF-8 bytes, which is what Streams' own
     * {@code queryMetadataForKey} applies to these stores' keys (and what {@code SectionPartitioning} applies to a
     * section key), so the table and the engine agree.
     */
    public static int partitionOf(String routingKey, int partitions) {
        return Utils.toPositive(Utils.murmur2(routingKey.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The owner of {@code routingKey} in {@code store}, if the table knows one. */
    public Optional<HostInfo> owner(String store, String routingKey) {
        List<Optional<HostInfo>> byPartition = owners.get(store);
        if (byPartition == null || byPartition.size() != partitions || partitions == 0) {
            return Optional.empty();
        }
        return byPartition.get(partitionOf(routingKey, partitions));
    }

    /** Every partition of every store in {@code stores} has an owner. */
    public boolean complete(List<String> stores) {
        return stores.stream()
                .allMatch(store -> owners.containsKey(store)
                        && owners.get(store).size() == partitions
                        && owners.get(store).stream().allMatch(Optional::isPresent));
    }

    public String format() {
        StringBuilder text = new StringBuilder("partitions ").append(partitions).append('\n');
        owners.forEach((store, byPartition) -> {
            text.append(store);
            byPartition.forEach(owner -> text.append(' ')
                    .append(owner.map(host -> host.host() + ":" + host.port()).orElse(NONE)));
            text.append('\n');
        });
        return text.toString();
    }

    public static OwnerTable parse(String text) {
        String[] lines = text.strip().split("\n");
        String[] first = lines[0].trim().split(" ");
        if (first.length != 2 || !first[0].equals("partitions")) {
            throw new IllegalArgumentException("an owner table starts with 'partitions <n>', got '" + lines[0] + "'");
        }
        int partitions = Integer.parseInt(first[1]);
        Map<String, List<Optional<HostInfo>>> owners = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].trim().split(" ");
            List<Optional<HostInfo>> byPartition = new ArrayList<>();
            for (int p = 1; p < fields.length; p++) {
                byPartition.add(
                        fields[p].equals(NONE) ? Optional.empty() : Optional.of(HostInfo.buildFromEndpoint(fields[p])));
            }
            owners.put(fields[0], byPartition);
        }
        return new OwnerTable(partitions, owners);
    }
}
