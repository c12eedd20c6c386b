package io.onsale.queue.tokens;

/** Why a ticket or admission token was refused. The edge answers 401 for the first four and 403 for the last two. */
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
    WRONG_BUYER
}
