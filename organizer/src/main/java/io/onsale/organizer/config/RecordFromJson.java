package io.onsale.organizer.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.onsale.reservations.config.EventConfigValidator.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a JSON (or YAML) tree into an Avro record, led by the record's own schema: a field with a default may be left
 * out, one without is required, a field the schema does not know is refused (a typo such as {@code holdWindowMinute}
 * must not silently fall back to the default), and every problem names its field as the validator does
 * ({@code sections[0].seats[2].number}). Timestamps are ISO-8601 instants or epoch milliseconds.
 *
 * <p>Led by the schema rather than written field by field, so a field added to {@code EventConfig} is readable from
 * files the day it is released, with its default.
 */
final class RecordFromJson {

    private RecordFromJson() {}

    /** @return the record, or {@code null} with {@code problems} filled */
    static <T extends SpecificRecord> T read(JsonNode json, Class<T> type, List<Problem> problems) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        int before = problems.size();
        Object generic = value(json, schema, "", problems);
        if (problems.size() > before) {
            return null;
        }
        return toSpecific((GenericData.Record) generic, schema, model);
    }

    private static Object value(JsonNode json, Schema schema, String at, List<Problem> problems) {
        if (schema.getType() == Schema.Type.UNION && schema.isNullable()) {
            // An optional field (["null", T]): null, or a T.
            if (json == null || json.isNull()) {
                return null;
            }
            List<Schema> present = schema.getTypes().stream()
                    .filter(type -> type.getType() != Schema.Type.NULL)
                    .toList();
            if (present.size() == 1) {
                return value(json, present.get(0), at, problems);
            }
        }
        if (json == null || json.isNull()) {
            problems.add(new Problem(at, "must not be null"));
            return null;
        }
        switch (schema.getType()) {
            case RECORD:
                return record(json, schema, at, problems);
            case ARRAY:
                return array(json, schema, at, problems);
            case STRING:
                if (!json.isTextual()) {
                    return wrong(problems, at, "a string", json);
                }
                return json.textValue();
            case INT:
                if (!json.isIntegralNumber() || !json.canConvertToInt()) {
                    return wrong(problems, at, "a whole number", json);
                }
                return json.intValue();
            case LONG:
                return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                        ? instant(json, at, problems)
                        : longValue(json, at, problems);
            case BOOLEAN:
                if (!json.isBoolean()) {
                    return wrong(problems, at, "true or false", json);
                }
                return json.booleanValue();
            case ENUM:
                return symbol(json, schema, at, problems);
            default:
                throw new IllegalStateException("the config file reader does not handle Avro " + schema.getType()
                        + " (field " + at + "); extend RecordFromJson with the schema");
        }
    }

    private static Object record(JsonNode json, Schema schema, String at, List<Problem> problems) {
        if (!json.isObject()) {
            return wrong(problems, at, "an object", json);
        }
        GenericRecordBuilder builder = new GenericRecordBuilder(schema);
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (schema.getField(entry.getKey()) == null) {
                problems.add(new Problem(
                        join(at, entry.getKey()),
                        "is not a field of " + schema.getName() + " (known: "
                                + schema.getFields().stream()
                                        .map(Schema.Field::name)
                                        .collect(Collectors.joining(", ")) + ")"));
            }
        }
        for (Schema.Field field : schema.getFields()) {
            String fieldAt = join(at, field.name());
            JsonNode given = json.get(field.name());
            if (given == null) {
                if (!field.hasDefaultValue()) {
                    problems.add(new Problem(fieldAt, "is required"));
                }
                continue;
            }
            Object converted = value(given, field.schema(), fieldAt, problems);
            if (converted != null) {
                builder.set(field, converted);
            }
        }
        return buildOrNull(builder);
    }

    /** A required field missing is already a problem: keep reading for more of them, build nothing with a gap. */
    private static Object buildOrNull(GenericRecordBuilder builder) {
        try {
            return builder.build();
        } catch (RuntimeException incomplete) {
            return null;
        }
    }

    private static Object array(JsonNode json, Schema schema, String at, List<Problem> problems) {
        if (!json.isArray()) {
            return wrong(problems, at, "a list", json);
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            items.add(value(json.get(i), schema.getElementType(), at + "[" + i + "]", problems));
        }
        return new GenericData.Array<>(schema, items);
    }

    private static Object instant(JsonNode json, String at, List<Problem> problems) {
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return json.longValue();
        }
        if (json.isTextual()) {
            try {
                return Instant.parse(json.textValue()).toEpochMilli();
            } catch (DateTimeParseException notAnInstant) {
                // reported below
            }
        }
        return wrong(problems, at, "an instant such as 2026-06-01T10:00:00Z (UTC) or epoch milliseconds", json);
    }

    private static Object longValue(JsonNode json, String at, List<Problem> problems) {
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            return wrong(problems, at, "a whole number", json);
        }
        return json.longValue();
    }

    private static Object symbol(JsonNode json, Schema schema, String at, List<Problem> problems) {
        // The enum's default symbol (UNKNOWN) is what old readers fall back to, never something to write.
        List<String> allowed = schema.getEnumSymbols().stream()
                .filter(symbol -> !symbol.equals(schema.getEnumDefault()))
                .toList();
        if (!json.isTextual() || !allowed.contains(json.textValue())) {
            problems.add(new Problem(at, "must be one of " + String.join(", ", allowed) + ", got " + json));
            return null;
        }
        return new GenericData.EnumSymbol(schema, json.textValue());
    }

    private static Object wrong(List<Problem> problems, String at, String expected, JsonNode got) {
        problems.add(new Problem(at, "must be " + expected + ", got " + got));
        return null;
    }

    private static String join(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    /** Through Avro's own binary form, so logical types come out as the generated classes want them (Instant). */
    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T toSpecific(
            GenericData.Record generic, Schema schema, SpecificData model) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            new GenericDatumWriter<GenericData.Record>(schema).write(generic, encoder);
            encoder.flush();
            SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema, schema, model);
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException("could not convert a complete " + schema.getName() + " (a bug)", e);
        }
    }
}
