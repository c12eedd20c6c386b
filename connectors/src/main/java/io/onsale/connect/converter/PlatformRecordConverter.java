package io.onsale.connect.converter;

import io.onsale.kafka.codec.AvroSingleObjectCodec;
import io.onsale.kafka.codec.KnownSchemas;
import io.onsale.kafka.codec.RecordCodec;
import io.onsale.kafka.codec.RecordDecodingException;
import io.onsale.kafka.codec.SchemaCatalog;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads the platform's records (Avro single-object encoding, ADR 0001) with the codec of the {@code schemas} jar,
 * which knows every released schema version, and hands the sink one flat row per record ({@link RowMapping}).
 *
 * <p>Configured per connector with the topic's record type, e.g.
 * {@code "value.converter.record": "io.onsale.schema.order.OrderEvent"}: a topic carries exactly one type (ADR 0003),
 * and naming it makes a record of another type unreadable instead of silently landing in the wrong table.
 * Bytes that cannot be read throw {@link DataException}, which the connector's {@code errors.tolerance=all} turns
 * into a dead letter instead of a stopped sink.
 *
 * <p>Read-only on purpose: the warehouse never writes the platform's topics, so {@link #fromConnectData} refuses.
 */
public final class PlatformRecordConverter implements Converter {

    /** Full Avro name of the topic's value record; one of {@link SchemaCatalog#topLevel()}. */
    public static final String RECORD_CONFIG = "record";

    private RecordCodec<? extends SpecificRecord> codec;
    private RowMapping rows;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object name = configs.get(RECORD_CONFIG);
        if (name == null || name.toString().isBlank()) {
            throw new ConfigException(RECORD_CONFIG, name, "name the topic's record type, one of " + knownNames());
        }
        Schema schema = SchemaCatalog.topLevel().stream()
                .filter(candidate ->
                        candidate.getFullName().equals(name.toString().trim()))
                .findFirst()
                .orElseThrow(() -> new ConfigException(
                        RECORD_CONFIG, name, "not a record of the platform; one of " + knownNames()));
        @SuppressWarnings("unchecked")
        Class<? extends SpecificRecord> type =
                (Class<? extends SpecificRecord>) SpecificData.get().getClass(schema);
        if (type == null) {
            throw new ConfigException(RECORD_CONFIG, name, "no generated class for it in the schemas jar");
        }
        codec = AvroSingleObjectCodec.of(type, KnownSchemas.fromClasspath());
        rows = RowMapping.of(schema);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            // A tombstone: nothing to land (the sinks do not delete rows).
            return SchemaAndValue.NULL;
        }
        SpecificRecord record;
        try {
            record = codec.decode(value);
        } catch (RecordDecodingException e) {
            throw new DataException("topic " + topic + ": " + e.getMessage(), e);
        }
        return new SchemaAndValue(rows.schema(), rows.toRow(record));
    }

    @Override
    public byte[] fromConnectData(String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
        throw new DataException("the warehouse converter only reads the platform's topics; it does not write " + topic);
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(
                        RECORD_CONFIG,
                        ConfigDef.Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.Importance.HIGH,
                        "Full Avro name of the topic's value record, e.g. io.onsale.schema.order.OrderEvent");
    }

    private static List<String> knownNames() {
        return SchemaCatalog.topLevel().stream()
                .map(Schema::getFullName)
                .sorted()
                .toList();
    }
}
