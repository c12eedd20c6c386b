package io.onsale.queue.tokens;

import java.util.Objects;

/** The outcome of checking a ticket or a token: the verified value, or why it was refused. */
public record Verification<T>(T value, Refusal refusal, String detail) {

    public Verification {
        if ((value == null) == (refusal == null)) {
            throw new IllegalArgumentException("a verification has either a value or a refusal");
        }
    }

    public static <T> Verification<T> accepted(T value) {
        return new Verification<>(Objects.requireNonNull(value, "value"), null, null);
    }

    public static <T> Verification<T> refused(Refusal refusal, String detail) {
        return new Verification<>(null, Objects.requireNonNull(refusal, "refusal"), detail);
    }

    public boolean isAccepted() {
        return value != null;
    }
}
