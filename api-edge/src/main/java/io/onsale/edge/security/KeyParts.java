package io.onsale.edge.security;

import java.util.Optional;

/**
 * What a caller names that becomes part of the edge's composite ids and Kafka keys: a token's subject (the buyer or
 * organizer id) and an {@code Idempotency-Key}. They are joined with {@code :} into request and payment ids
 * ({@code place:<eventId>:<buyerId>:<key>}, {@code OrderIds}) and with {@code |} into keys ({@code eventId|buyerId}),
 * so a part that contains a separator could name another buyer's request or books. Such a part is refused where it
 * enters (the token's verifier, the order and payment endpoints), never escaped later.
 */
public final class KeyParts {

    /** Longer ids only make keys, request ids and stores larger; no identity provider or client needs more. */
    public static final int MAX_LENGTH = 128;

    private KeyParts() {}

    /** Why {@code value} cannot be part of a key (for example "contains ':'"), or empty when it can. */
    public static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("is empty");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ':' || c == '|') {
                return Optional.of("contains '" + c + "', a separator of the edge's keys");
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of(String.format("contains the control character U+%04X", (int) c));
            }
        }
        return Optional.empty();
    }

    public static boolean valid(String value) {
        return problem(value).isEmpty();
    }
}
