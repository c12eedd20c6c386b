package io.onsale.reservations.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.domain.OrderRules;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.payment.PaymentEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values the domain keeps in plain Java (it may not use the catalogue's classes) that must equal the catalogue's: its
 * unit key is the string the edge and the topology key a unit's commands by ({@link PartitionKeys}), its section part
 * the key of the section's own records, and its default currency the wire schemas' default.
 */
class UnitKeyPartitioningTest {

    @Test
    void theDomainsUnitKeyIsTheCataloguesUnitKey() {
        UnitKey unit = new UnitKey("E1", "A", "A-1-7");

        assertThat(unit.asString()).isEqualTo(PartitionKeys.unit("E1", "A", "A-1-7"));
        assertThat(SectionMapping.sectionKey(unit))
                .isEqualTo(PartitionKeys.section("E1", "A"))
                .isEqualTo(PartitionKeys.parent(unit.asString()));
        assertThat(OrderMapping.orderKey("E1", "alice")).isEqualTo(PartitionKeys.order("E1", "alice"));
    }

    @Test
    void theEnginesDefaultCurrencyIsTheWireSchemasDefault() {
        for (org.apache.avro.Schema schema : List.of(
                EventConfig.getClassSchema(),
                OrderEvent.getClassSchema(),
                OrderState.getClassSchema(),
                PaymentEvent.getClassSchema())) {
            assertThat(schema.getField("currency").defaultVal())
                    .as(schema.getFullName())
                    .isEqualTo(OrderRules.DEFAULT_CURRENCY);
        }
    }
}
