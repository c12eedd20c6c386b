package io.onsale.kafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.codec.KnownSchemas;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.reservation.ReservationEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Proves the gate closes: deliberately broken versions of released schemas are refused, naming the field. */
class BrokenSchemaIsRejectedTest {

    @Test
    void aNewFieldWithoutDefaultIsRefusedNamingTheField() throws IOException {
        List<String> violations = checkAgainstReleased(
                ReservationEvent.getClassSchema().getFullName(), "ReservationEvent-adds-field-without-default.avsc");

        assertThat(violations)
                .anySatisfy(line -> assertThat(line)
                        .contains("backward")
                        .contains("ReservationEvent.channel")
                        .contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    }

    @Test
    void aRetypedFieldIsRefusedBothWays() throws IOException {
        List<String> violations = checkAgainstReleased(
                ReservationEvent.getClassSchema().getFullName(), "ReservationEvent-changes-quantity-type.avsc");

        assertThat(violations)
                .anySatisfy(line -> assertThat(line).contains("backward").contains("ReservationEvent.quantity"));
        assertThat(violations)
                .anySatisfy(line -> assertThat(line).contains("forward").contains("ReservationEvent.quantity"));
    }

    @Test
    void aNestedFieldChangeIsNamedByItsPath() throws IOException {
        List<String> violations = checkAgainstReleased(
                EventConfig.getClassSchema().getFullName(), "EventConfig-narrows-section-price.avsc");

        assertThat(violations).anySatisfy(line -> assertThat(line).contains("EventConfig.sections[].priceMinor"));
    }

    @Test
    void theUnchangedSchemaPasses() {
        Schema current = ReservationEvent.getClassSchema();

        assertThat(ReleasedSchemaCheck.violations(List.of(current), KnownSchemas.fromClasspath()))
                .isEmpty();
    }

    private List<String> checkAgainstReleased(String fullName, String brokenFixture) throws IOException {
        Schema broken;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/broken/" + brokenFixture)) {
            broken = new Schema.Parser().parse(in);
        }
        assertThat(broken.getFullName()).isEqualTo(fullName);
        return ReleasedSchemaCheck.violations(List.of(broken), KnownSchemas.fromClasspath());
    }
}
