package io.onsale.kafka.topics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The keys every producer and store shares, and the section a unit's commands are partitioned by. */
class PartitionKeysTest {

    @Test
    void keysJoinTheirPartsAndComeApartAgain() {
        assertThat(PartitionKeys.order("E1", "alice")).isEqualTo("E1|alice");
        assertThat(PartitionKeys.section("E1", "A")).isEqualTo("E1|A");
        assertThat(PartitionKeys.unit("E1", "A", "A-1-7")).isEqualTo("E1|A|A-1-7");
        assertThat(PartitionKeys.parent(PartitionKeys.unit("E1", "A", "A-1-7")))
                .isEqualTo(PartitionKeys.section("E1", "A"));
        assertThat(PartitionKeys.parent("E1")).isEqualTo("E1");
        assertThat(PartitionKeys.eventOf(PartitionKeys.unit("E1", "A", "7"))).isEqualTo("E1");
    }

    @Test
    void aPrefixScanOfAnEventOrSectionFindsItsKeysOnly() {
        assertThat(PartitionKeys.unit("E1", "A", "7"))
                .startsWith(PartitionKeys.under(PartitionKeys.section("E1", "A")))
                .startsWith(PartitionKeys.ofEvent("E1"));
        assertThat(PartitionKeys.section("E10", "A")).doesNotStartWith(PartitionKeys.ofEvent("E1"));
        assertThat(PartitionKeys.unit("E1", "AB", "7"))
                .doesNotStartWith(PartitionKeys.under(PartitionKeys.section("E1", "A")));
    }

    @Test
    void aUnitsCommandsGoWhereItsSectionsDo() {
        for (int partitions : new int[] {1, 4, 12}) {
            assertThat(SectionPartitioning.partition(PartitionKeys.unit("E1", "A", "A-1-7"), partitions))
                    .isEqualTo(SectionPartitioning.partition(PartitionKeys.section("E1", "A"), partitions));
        }
        assertThat(SectionPartitioning.sectionOf(PartitionKeys.unit("E1", "A", "7")))
                .isEqualTo(PartitionKeys.section("E1", "A"));
    }
}
