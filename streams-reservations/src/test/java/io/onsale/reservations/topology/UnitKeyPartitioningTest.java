package io.onsale.reservations.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.domain.UnitKey;
import org.junit.jupiter.api.Test;

/**
 * The domain's unit key (plain Java, so it cannot use the catalogue's {@link PartitionKeys}) is the same string the
 * edge and the topology key a unit's commands by, and its section part the key of the section's own records.
 */
class UnitKeyPartitioningTest {

    @Test
    void theDomainsUnitKeyIsTheCataloguesUnitKey() {
        UnitKey unit = new UnitKey("E1", "A", "A-1-7");

        assertThat(unit.asString()).isEqualTo(PartitionKeys.unit("E1", "A", "A-1-7"));
        assertThat(SectionMapping.sectionKey(unit)).isEqualTo(PartitionKeys.section("E1", "A"))
                .isEqualTo(PartitionKeys.parent(unit.asString()));
        assertThat(OrderMapping.orderKey("E1", "alice")).isEqualTo(PartitionKeys.order("E1", "alice"));
    }
}
