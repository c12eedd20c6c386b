package io.onsale.loadgen.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer to a read or a configuration: the typed body on 2xx, else the problem. {@code retryAfter} is zero unless
 * the edge sent a {@code Retry-After} (503 while a store is not queryable, 429).
 */
public record Answer<T>(int status, T body, Problem problem, Duration retryAfter) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public Optional<T> value() {
        return ok() ? Optional.ofNullable(body) : Optional.empty();
    }

    /** The body, or an exception that says what the edge answered instead. */
    public T orThrow(String what) {
        if (!ok() || body == null) {
            throw new EdgeCallException(
                    EdgeCallException.Kind.CONTRACT, what + ": " + (problem == null ? status : problem.describe()));
        }
        return body;
    }
}
