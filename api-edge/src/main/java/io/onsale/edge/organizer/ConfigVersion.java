package io.onsale.edge.organizer;

import io.onsale.schema.config.EventConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version of an event's config, as a strong HTTP entity tag: a digest of its Avro encoding, so every instance
 * computes the same tag for the same config without storing a counter anywhere.
 */
final class ConfigVersion {

    private ConfigVersion() {}

    static String of(EventConfig config) {
        try {
            ByteBuffer encoded = config.toByteBuffer();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(encoded);
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 12) + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException("an event config that cannot be encoded", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
