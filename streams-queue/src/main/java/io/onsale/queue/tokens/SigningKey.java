package io.onsale.queue.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret HMAC-SHA256 key of at least 256 bits, from configuration. Tickets and admission tokens use keys derived
 * from one configured secret for each purpose ({@link #derive(String)}), so a value signed for one can never pass
 * as the other.
 */
public final class SigningKey {

    public static final int MIN_BYTES = 32;
    static final String HMAC = "HmacSHA256";

    private final byte[] bytes;

    private SigningKey(byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(
                    "a signing key needs at least " + MIN_BYTES + " bytes (256 bits), got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** The configured secret as UTF-8 bytes (at least 32 of them). */
    public static SigningKey fromSecret(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("a signing secret is required");
        }
        return new SigningKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static SigningKey of(byte[] bytes) {
        return new SigningKey(bytes);
    }

    /** A key for one purpose: HMAC-SHA256(this key, "onsale-queue/" + purpose). */
    public SigningKey derive(String purpose) {
        return new SigningKey(mac(("onsale-queue/" + purpose).getBytes(StandardCharsets.UTF_8)));
    }

    byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(bytes, HMAC));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "SigningKey[" + bytes.length * 8 + " bits]";
    }
}
