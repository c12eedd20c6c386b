package io.onsale.kafka.compat;

import io.onsale.kafka.codec.KnownSchemas;
import io.onsale.kafka.codec.SchemaCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Releases the current schemas: for each top-level schema whose canonical form differs from its newest
 * released version, writes the next {@code vN.avsc} under the given folder (normally
 * {@code schemas/released}). Run it when a schema change ships: {@code ./ticketing schemas-release}.
 */
public final class SchemaRelease {

    private SchemaRelease() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "schemas/released");
        List<String> problems = ReleasedSchemaCheck.violations(SchemaCatalog.topLevel(), KnownSchemas.fromClasspath());
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.err.println("Refusing to release incompatible schemas.");
            System.exit(1);
        }
        for (Schema schema : SchemaCatalog.topLevel()) {
            List<KnownSchemas.Released> released = KnownSchemas.fromClasspath().released(schema.getFullName());
            // Schema.equals also compares defaults and docs, which the parsing fingerprint ignores.
            boolean unchanged = !released.isEmpty()
                    && released.get(released.size() - 1).schema().equals(schema);
            if (unchanged) {
                continue;
            }
            int next = released.size() + 1;
            Path file = folder.resolve(
                    KnownSchemas.resourceName(schema.getFullName(), next).substring("released/".length()));
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("released " + file);
        }
    }
}
