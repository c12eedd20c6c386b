package io.onsale.loadgen.simulate;

import java.time.Duration;

/**
 * How simulated buyers behave after their first answer. Probabilities are fractions of 1.
 *
 * @param takeAlternative        a buyer who lost takes the first alternative offered
 * @param bestAvailableAfterLoss a buyer who lost named seats and was offered nothing asks for best-available there
 * @param abandonRate            a buyer with a hold walks away instead of keeping it (would-pay)
 * @param cancelShare            of those who walk away, the share that cancel (DELETE) rather than let it expire
 * @param thinkTime              the most a buyer waits between two steps (uniform from zero)
 * @param maxAttempts            orders a buyer places at most (first choice and alternatives)
 */
record Behaviour(double takeAlternative, double bestAvailableAfterLoss, double abandonRate, double cancelShare,
                 Duration thinkTime, int maxAttempts) {

    /** 202 answers retried with the same key before the order counts as undecided. */
    static final int MAX_PENDING_RETRIES = 20;
    /** NOT_ON_SALE answers retried (a new key each time) by buyers who were a moment early. */
    static final int MAX_NOT_ON_SALE_RETRIES = 20;
    static final Duration NOT_ON_SALE_RETRY = Duration.ofMillis(200);
    /** 503 and 429 answers retried with the same key after their Retry-After. */
    static final int MAX_BUSY_RETRIES = 3;
    static final int MAX_CANCEL_RETRIES = 5;
}
