package io.onsale.kafka.compat;

import io.onsale.kafka.codec.KnownSchemas;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;

/** Checks every current top-level schema against every released version of it. */
public final class ReleasedSchemaCheck {

    private ReleasedSchemaCheck() {}

    /** @return one line per violation, naming schema, version and field; empty when all is compatible */
    public static List<String> violations(Collection<Schema> current, KnownSchemas known) {
        List<String> lines = new ArrayList<>();
        for (Schema schema : current) {
            for (KnownSchemas.Released released : known.released(schema.getFullName())) {
                for (CompatibilityChecker.Violation violation : CompatibilityChecker.check(schema, released.schema())) {
                    lines.add(schema.getFullName() + " is not compatible with released v" + released.version() + ": "
                            + violation);
                }
            }
        }
        return lines;
    }
}
