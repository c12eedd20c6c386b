package io.onsale.kafka.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding: two marker bytes, the 8-byte fingerprint of the writer's schema, then
 * the binary record. The decoder finds the writer's schema by fingerprint in a {@link SchemaStore}
 * that knows every released version, and resolves it to the current (reader) schema. Thread-safe.
 */
public final class AvroSingleObjectCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroSingleObjectCodec(Class<T> type, SchemaStore knownSchemas) {
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, knownSchemas);
    }

    public static <T extends SpecificRecord> AvroSingleObjectCodec<T> of(Class<T> type, SchemaStore knownSchemas) {
        return new AvroSingleObjectCodec<>(Objects.requireNonNull(type), Objects.requireNonNull(knownSchemas));
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public byte[] encode(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("could not encode " + schema.getFullName(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(
                    "cannot read " + bytes.length + " bytes as " + schema.getFullName() + ": " + e.getMessage(), e);
        }
    }
}
