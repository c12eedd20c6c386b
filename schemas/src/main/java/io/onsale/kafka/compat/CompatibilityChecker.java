package io.onsale.kafka.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Full compatibility between a schema and one released version of it: the new schema must read what
 * the old one wrote (backward) and the old one must read what the new one writes (forward), so
 * producers and consumers can be upgraded in any order.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {}

    /** One way in which two versions cannot read each other, named by field path. */
    public record Violation(String direction, String fieldPath, String kind, String detail) {
        @Override
        public String toString() {
            return direction + " incompatible at " + fieldPath + ": " + kind + " (" + detail + ")";
        }
    }

    public static List<Violation> check(Schema current, Schema released) {
        List<Violation> violations = new ArrayList<>();
        collect("backward (new reads old)", current, released, violations);
        collect("forward (old reads new)", released, current, violations);
        return violations;
    }

    private static void collect(String direction, Schema reader, Schema writer, List<Violation> into) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult();
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            into.add(new Violation(
                    direction,
                    fieldPath(reader, incompatibility),
                    incompatibility.getType().name(),
                    incompatibility.getMessage()));
        }
    }

    /**
     * Turns Avro's JSON-pointer location ({@code /fields/3/type/1/items}) into field names
     * ({@code EventConfig.sections[].priceMinor}), walking the reader schema.
     */
    static String fieldPath(Schema reader, Incompatibility incompatibility) {
        String[] tokens = incompatibility.getLocation().split("/");
        StringBuilder path = new StringBuilder(reader.getName());
        Schema at = reader;
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty() || token.equals("type") || token.equals("name")) {
                continue;
            }
            if (token.equals("fields") && i + 1 < tokens.length && at.getType() == Schema.Type.RECORD) {
                int index = Integer.parseInt(tokens[++i]);
                if (index >= at.getFields().size()) {
                    break;
                }
                Schema.Field field = at.getFields().get(index);
                path.append('.').append(field.name());
                at = field.schema();
            } else if (token.equals("items") && at.getType() == Schema.Type.ARRAY) {
                path.append("[]");
                at = at.getElementType();
            } else if (token.equals("values") && at.getType() == Schema.Type.MAP) {
                path.append("{}");
                at = at.getValueType();
            } else if (token.chars().allMatch(Character::isDigit) && at.getType() == Schema.Type.UNION) {
                int branch = Integer.parseInt(token);
                if (branch < at.getTypes().size()) {
                    at = at.getTypes().get(branch);
                }
            } else {
                path.append(" (").append(token).append(')');
                break;
            }
        }
        if (incompatibility.getType()
                == SchemaCompatibility.SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE) {
            path.append('.').append(incompatibility.getMessage());
        }
        return path.toString();
    }
}
