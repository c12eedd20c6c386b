package io.onsale.connect.converter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * How one Avro record type becomes one warehouse row: a flat Connect {@link Struct} whose schema is derived once
 * from the Avro schema, so the JDBC sink can create and evolve the table itself. JDBC sinks write flat rows only,
 * hence the rules:
 * <ul>
 *   <li>a nested record is flattened into its parent ({@code policy.maxAdmitRatePerSecond} → {@code policy_max_admit_rate_per_second});</li>
 *   <li>an array or a map (order items, alternatives, sections) is one JSON text column, named
 *       {@value #JSON_SCHEMA_NAME} so the PostgreSQL dialect gives it the {@code json} type and views can unnest it;</li>
 *   <li>an enum is its symbol as text, {@code timestamp-millis} a Connect {@link Timestamp} (UTC);</li>
 *   <li>{@code ["null", X]} and any field with a default is nullable: every field a later schema version adds has a
 *       default (ADR 0001), so tables evolve by adding nullable columns.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class RowMapping {

    /** The semantic name Debezium's JDBC sink maps to a {@code json} column. */
    static final String JSON_SCHEMA_NAME = "io.debezium.data.Json";

    private static final JsonFactory JSON = new JsonFactory();

    private final org.apache.avro.Schema avroSchema;
    private final Schema connectSchema;
    private final List<Column> columns;

    private RowMapping(org.apache.avro.Schema avroSchema, Schema connectSchema, List<Column> columns) {
        this.avroSchema = avroSchema;
        this.connectSchema = connectSchema;
        this.columns = columns;
    }

    /** @throws IllegalArgumentException when the schema has a shape no flat row can hold (a union of two types) */
    static RowMapping of(org.apache.avro.Schema record) {
        if (record.getType() != org.apache.avro.Schema.Type.RECORD) {
            throw new IllegalArgumentException(record.getFullName() + " is not a record");
        }
        List<Column> columns = new ArrayList<>();
        collect(record, new int[0], "", false, columns);
        SchemaBuilder row = SchemaBuilder.struct().name(record.getFullName());
        columns.forEach(column -> row.field(column.name(), column.schema()));
        return new RowMapping(record, row.build(), List.copyOf(columns));
    }

    Schema schema() {
        return connectSchema;
    }

    org.apache.avro.Schema avroSchema() {
        return avroSchema;
    }

    Struct toRow(IndexedRecord record) {
        Struct row = new Struct(connectSchema);
        for (Column column : columns) {
            row.put(column.name(), column.read(record));
        }
        return row;
    }

    /** One column: the path of field positions from the top record down to its value, and how to convert it. */
    private record Column(String name, int[] path, org.apache.avro.Schema avro, Schema schema) {

        Object read(IndexedRecord top) {
            Object value = top;
            for (int position : path) {
                if (value == null) {
                    return null;
                }
                value = ((IndexedRecord) value).get(position);
            }
            return value == null ? null : convert(avro, value);
        }
    }

    private static void collect(
            org.apache.avro.Schema record, int[] parentPath, String prefix, boolean parentOptional, List<Column> out) {
        for (org.apache.avro.Schema.Field field : record.getFields()) {
            String name = prefix.isEmpty() ? ColumnNames.of(field.name()) : ColumnNames.nested(prefix, field.name());
            int[] path = append(parentPath, field.pos());
            org.apache.avro.Schema type = field.schema();
            boolean optional = parentOptional || field.hasDefaultValue();
            if (type.getType() == org.apache.avro.Schema.Type.UNION) {
                type = nonNullBranch(record, field);
                optional = true;
            }
            if (type.getType() == org.apache.avro.Schema.Type.RECORD) {
                collect(type, path, name, optional, out);
            } else {
                out.add(new Column(name, path, type, columnSchema(type, optional, record, field)));
            }
        }
    }

    private static org.apache.avro.Schema nonNullBranch(
            org.apache.avro.Schema record, org.apache.avro.Schema.Field field) {
        List<org.apache.avro.Schema> branches = field.schema().getTypes().stream()
                .filter(branch -> branch.getType() != org.apache.avro.Schema.Type.NULL)
                .toList();
        if (branches.size() != 1) {
            throw new IllegalArgumentException(record.getFullName() + "." + field.name()
                    + ": only [\"null\", X] unions fit a column, found " + field.schema());
        }
        return branches.get(0);
    }

    private static Schema columnSchema(
            org.apache.avro.Schema type,
            boolean optional,
            org.apache.avro.Schema record,
            org.apache.avro.Schema.Field field) {
        SchemaBuilder column = switch (type.getType()) {
            case STRING, ENUM -> SchemaBuilder.string();
            case INT -> SchemaBuilder.int32();
            case LONG -> isTimestampMillis(type) ? Timestamp.builder() : SchemaBuilder.int64();
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            case BYTES, FIXED -> SchemaBuilder.bytes();
            case ARRAY, MAP -> SchemaBuilder.string().name(JSON_SCHEMA_NAME).version(1);
            default ->
                throw new IllegalArgumentException(
                        record.getFullName() + "." + field.name() + ": no column type for Avro " + type.getType());
        };
        return optional ? column.optional().build() : column.build();
    }

    private static boolean isTimestampMillis(org.apache.avro.Schema type) {
        LogicalType logical = type.getLogicalType();
        return logical instanceof LogicalTypes.TimestampMillis;
    }

    /** A field's value as its column holds it. Specific records give Instants for timestamps; generic ones longs. */
    private static Object convert(org.apache.avro.Schema type, Object value) {
        return switch (type.getType()) {
            case STRING, ENUM -> value.toString();
            case LONG -> isTimestampMillis(type) ? toDate(value) : value;
            case BYTES -> value instanceof ByteBuffer buffer ? bytes(buffer) : value;
            case FIXED -> ((GenericFixed) value).bytes();
            case ARRAY, MAP -> json(type, value);
            default -> value;
        };
    }

    private static Date toDate(Object value) {
        return value instanceof Instant instant ? Date.from(instant) : new Date((Long) value);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String json(org.apache.avro.Schema type, Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            writeJson(generator, type, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + type + " as JSON", e);
        }
        return out.toString();
    }

    /** JSON with the warehouse's conventions inside too: snake_case keys, enum symbols, ISO-8601 UTC timestamps. */
    private static void writeJson(JsonGenerator out, org.apache.avro.Schema type, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        switch (type.getType()) {
            case UNION -> writeJson(out, branchOf(type, value), value);
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                out.writeStartObject();
                for (org.apache.avro.Schema.Field field : type.getFields()) {
                    out.writeFieldName(ColumnNames.of(field.name()));
                    writeJson(out, field.schema(), record.get(field.pos()));
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    writeJson(out, type.getElementType(), item);
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    writeJson(out, type.getValueType(), entry.getValue());
                }
                out.writeEndObject();
            }
            case STRING, ENUM -> out.writeString(value.toString());
            case INT -> out.writeNumber((Integer) value);
            case LONG -> {
                if (isTimestampMillis(type)) {
                    out.writeString(toDate(value).toInstant().toString());
                } else {
                    out.writeNumber((Long) value);
                }
            }
            case FLOAT -> out.writeNumber((Float) value);
            case DOUBLE -> out.writeNumber((Double) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case BYTES, FIXED ->
                out.writeBinary(value instanceof ByteBuffer buffer ? bytes(buffer) : ((GenericFixed) value).bytes());
            default -> throw new IllegalArgumentException("no JSON form for Avro " + type.getType());
        }
    }

    /** The branch a non-null value of a union was written with: the only non-null one, or as Avro resolves it. */
    private static org.apache.avro.Schema branchOf(org.apache.avro.Schema union, Object value) {
        List<org.apache.avro.Schema> nonNull = union.getTypes().stream()
                .filter(branch -> branch.getType() != org.apache.avro.Schema.Type.NULL)
                .toList();
        return nonNull.size() == 1
                ? nonNull.get(0)
                : union.getTypes()
                        .get(org.apache.avro.specific.SpecificData.get().resolveUnion(union, value));
    }

    private static int[] append(int[] path, int position) {
        int[] longer = java.util.Arrays.copyOf(path, path.length + 1);
        longer[path.length] = position;
        return longer;
    }
}
