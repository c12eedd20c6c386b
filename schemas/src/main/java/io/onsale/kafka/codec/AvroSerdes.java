package io.onsale.kafka.codec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Serdes for the platform's Avro records, all reading with the schemas this build knows. */
public final class AvroSerdes {

    private AvroSerdes() {}

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        return new CodecSerde<>(AvroSingleObjectCodec.of(type, KnownSchemas.fromClasspath()));
    }
}
