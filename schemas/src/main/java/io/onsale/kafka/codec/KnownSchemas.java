package io.onsale.kafka.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema a record on the wire may have been written with: the current schema of each top-level
 * record plus every released version shipped in this jar under {@code released/}. Immutable once loaded.
 */
public final class KnownSchemas implements SchemaStore {

    /** One released version of one top-level schema. */
    public record Released(String fullName, int version, Schema schema) {}

    private static final KnownSchemas FROM_CLASSPATH =
            load(SchemaCatalog.topLevel(), KnownSchemas.class.getClassLoader());

    private final Map<Long, Schema> byFingerprint;
    private final Map<String, List<Released>> releasedByName;

    private KnownSchemas(Map<Long, Schema> byFingerprint, Map<String, List<Released>> releasedByName) {
        this.byFingerprint = Map.copyOf(byFingerprint);
        this.releasedByName = Map.copyOf(releasedByName);
    }

    /** The schemas of this build: current ones and the released versions packaged with them. */
    public static KnownSchemas fromClasspath() {
        return FROM_CLASSPATH;
    }

    static KnownSchemas load(Collection<Schema> current, ClassLoader loader) {
        Map<Long, Schema> byFingerprint = new HashMap<>();
        Map<String, List<Released>> releasedByName = new HashMap<>();
        for (Schema schema : current) {
            byFingerprint.put(fingerprint(schema), schema);
            List<Released> released = new ArrayList<>();
            for (int version = 1; ; version++) {
                String resource = resourceName(schema.getFullName(), version);
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        break;
                    }
                    Schema old = new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    released.add(new Released(schema.getFullName(), version, old));
                    byFingerprint.putIfAbsent(fingerprint(old), old);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read released schema " + resource, e);
                }
            }
            releasedByName.put(schema.getFullName(), List.copyOf(released));
        }
        return new KnownSchemas(byFingerprint, releasedByName);
    }

    public static String resourceName(String fullName, int version) {
        return "released/" + fullName + "/v" + version + ".avsc";
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** Released versions of one top-level schema, oldest first; empty if it was never released. */
    public List<Released> released(String fullName) {
        return releasedByName.getOrDefault(fullName, List.of());
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }
}
