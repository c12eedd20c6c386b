package io.onsale.queue.tokens;

/**
 * Why a ticket or admission token was refused. The edge answers 401 for {@code MALFORMED}, {@code UNSUPPORTED_ALGORITHM},
 * {@code BAD_SIGNATURE}, {@code EXPIRED} and {@code PLACE_GIVEN_UP}, and 403 for {@code WRONG_EVENT}, {@code WRONG_BUYER}.
 */
public enum Refusal {
    /** Not a ticket or token at all, or missing what it must carry. */
    MALFORMED,
    /** Anything but HS256, {@code alg: none} included. */
    UNSUPPORTED_ALGORITHM,
    /** Signed with another key, or changed after signing. */
    BAD_SIGNATURE,
    /** Past its expiry (the end of the purchase window). */
    EXPIRED,
    /** Valid, but for another event. */
    WRONG_EVENT,
    /** Valid, but issued to another buyer (a replay). */
    WRONG_BUYER,
    /**
     * Valid, but the buyer has left the queue since: the place it was issued for, and its shopper slot, were given up.
     * Decided by whoever follows the room's {@code LEFT} answers (the edge), not by the token itself.
     */
    PLACE_GIVEN_UP
}
