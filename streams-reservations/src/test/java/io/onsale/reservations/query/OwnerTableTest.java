package io.onsale.reservations.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.kafka.topics.SectionPartitioning;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class OwnerTableTest {

    private static final HostInfo ONE = new HostInfo("127.0.0.1", 18180);
    private static final HostInfo TWO = new HostInfo("engine-2", 8081);

    /** The edge finds owners with the partition Streams' own queryMetadataForKey computes (its default partitioner). */
    @Property
    void aKeysPartitionIsTheOneStreamsQueriesWith(
            @ForAll @StringLength(min = 1, max = 40) String eventId,
            @ForAll @StringLength(min = 1, max = 40) String buyerId,
            @ForAll @IntRange(min = 1, max = 64) int partitions) {
        String key = ReservationQueries.ordersKey(eventId.replace("|", ""), buyerId.replace("|", ""));
        assertThat(OwnerTable.partitionOf(key, partitions))
                .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
    }

    /** Units live where their section lives: the section key finds the owner of every unit of it. */
    @Property
    void aSectionKeysPartitionIsTheOneItsUnitsAreWrittenTo(
            @ForAll @StringLength(min = 1, max = 20) String eventId,
            @ForAll @StringLength(min = 1, max = 20) String sectionId,
            @ForAll @IntRange(min = 1, max = 64) int partitions) {
        String event = eventId.replace("|", "");
        String section = sectionId.replace("|", "");
        assertThat(OwnerTable.partitionOf(ReservationQueries.sectionKey(event, section), partitions))
                .isEqualTo(SectionPartitioning.partition(event + "|" + section + "|A-1-1", partitions));
    }

    @Test
    void aTableReadsBackAsItWasWrittenAndNamesEachKeysOwner() {
        OwnerTable table = new OwnerTable(
                2,
                Map.of(
                        "orders",
                        List.of(Optional.of(ONE), Optional.of(TWO)),
                        "units",
                        List.of(Optional.of(TWO), Optional.empty())));
        OwnerTable read = OwnerTable.parse(table.format());

        assertThat(read).isEqualTo(table);
        String key = ReservationQueries.ordersKey("event", "buyer");
        assertThat(read.owner("orders", key)).contains(OwnerTable.partitionOf(key, 2) == 0 ? ONE : TWO);
        assertThat(read.complete(List.of("orders"))).isTrue();
        assertThat(read.complete(List.of("orders", "units")))
                .as("a partition without owner")
                .isFalse();
        assertThat(read.owner("sections", key))
                .as("a store the table does not know")
                .isEmpty();
    }

    @Test
    void anEmptyTableKnowsNoOwner() {
        OwnerTable empty = OwnerTable.parse(new OwnerTable(12, Map.of()).format());
        assertThat(empty.partitions()).isEqualTo(12);
        assertThat(empty.owner("orders", "e|b")).isEmpty();
        assertThat(empty.complete(List.of("orders"))).isFalse();
    }

    @Test
    void somethingElseIsNotATable() {
        assertThatThrownBy(() -> OwnerTable.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
    }
}
