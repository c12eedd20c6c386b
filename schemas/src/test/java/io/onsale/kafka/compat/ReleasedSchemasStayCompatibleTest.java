package io.onsale.kafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.kafka.codec.KnownSchemas;
import io.onsale.kafka.codec.SchemaCatalog;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The build-time gate: a schema change that old producers or consumers cannot live with fails the build. */
class ReleasedSchemasStayCompatibleTest {

    @Test
    void everyCurrentSchemaIsFullyCompatibleWithEveryReleasedVersion() {
        var violations = ReleasedSchemaCheck.violations(SchemaCatalog.topLevel(), KnownSchemas.fromClasspath());

        assertThat(violations)
                .as("schemas/released holds what is already on the wire; make the change compatible (add fields"
                        + " with defaults, add enum symbols, never remove or retype a field)")
                .isEmpty();
    }

    @Test
    void everyTopLevelSchemaHasBeenReleased() {
        for (Schema schema : SchemaCatalog.topLevel()) {
            assertThat(KnownSchemas.fromClasspath().released(schema.getFullName()))
                    .as("%s has no released version: run ./ticketing schemas-release", schema.getFullName())
                    .isNotEmpty();
        }
    }
}
