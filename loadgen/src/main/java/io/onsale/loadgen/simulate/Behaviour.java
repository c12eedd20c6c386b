package io.onsale.loadgen.simulate;

import java.time.Duration;

/**
 * How simulated buyers behave after their first answer. Probabilities are fractions of 1.
 *
 * @param takeAlternative        a buyer who lost takes the first alternative offered
 * @param bestAvailableAfterLoss a buyer who lost named seats and was offered nothing asks for best-available there
 * @param abandonRate            a buyer with a hold walks away instead of paying
 * @param cancelShare            of those who walk away, the share that cancel (DELETE) rather than let it expire
 * @param thinkTime              the most a buyer waits between two steps (uniform from zero)
 * @param maxAttempts            orders a buyer places at most (first choice and alternatives)
 * @param payments               pay for holds ({@code false}: keep them unpaid, as before the edge took payments)
 * @param declineRate            a paying buyer uses a payment method the gateway declines
 * @param payAgainAfterDecline   a declined buyer pays once more with a good method (else leaves the hold to expire)
 */
record Behaviour(
        double takeAlternative,
        double bestAvailableAfterLoss,
        double abandonRate,
        double cancelShare,
        Duration thinkTime,
        int maxAttempts,
        boolean payments,
        double declineRate,
        double payAgainAfterDecline) {

    /** 202 answers retried with the same key before the order counts as undecided. */
    static final int MAX_PENDING_RETRIES = 20;
    /** NOT_ON_SALE answers retried (a new key each time) by buyers who were a moment early. */
    static final int MAX_NOT_ON_SALE_RETRIES = 20;

    static final Duration NOT_ON_SALE_RETRY = Duration.ofMillis(200);
    /** 503 and 429 answers retried with the same key after their Retry-After. */
    static final int MAX_BUSY_RETRIES = 3;

    static final int MAX_CANCEL_RETRIES = 5;
    /** A payment method the sandbox gateway always declines, and one it approves. */
    static final String DECLINING_METHOD = "decline-sim-card";

    static final String GOOD_METHOD = "sim-card-ok";
    /** Status polls that got no usable answer in a row before a buyer leaves the waiting room. */
    static final int MAX_QUEUE_FAILURES = 5;
    /** Joins answered 202 (the room has not answered yet) before a buyer leaves. */
    static final int MAX_JOIN_RETRIES = 20;
    /** Bounds on the edge's suggested poll interval, so a missing or odd suggestion neither spins nor stalls. */
    static final Duration SHORTEST_POLL = Duration.ofMillis(100);

    static final Duration LONGEST_POLL = Duration.ofSeconds(10);
    static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
}
