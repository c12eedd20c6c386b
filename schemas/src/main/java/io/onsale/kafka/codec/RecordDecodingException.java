package io.onsale.kafka.codec;

/** Bytes that cannot be read as the expected record: unknown schema, bad header or truncated data. */
public class RecordDecodingException extends RuntimeException {

    public RecordDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
