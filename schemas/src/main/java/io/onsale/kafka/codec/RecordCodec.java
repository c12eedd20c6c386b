package io.onsale.kafka.codec;

/**
 * Turns one record type into bytes and back. The one seam between the platform and its wire format:
 * today Avro single-object encoding ({@link AvroSingleObjectCodec}), later possibly a registry-backed
 * codec (see docs/adr/0001-avro-single-object-encoding-without-a-registry.md).
 */
public interface RecordCodec<T> {

    byte[] encode(T value);

    /** @throws RecordDecodingException when the bytes are not a record this codec can read */
    T decode(byte[] bytes);
}
