package io.onsale.organizer;

/** The CLI's exit codes, one meaning each, so scripts can tell "fix your input" from "try again later". */
public final class Exit {

    /** Done: valid, applied, READY, changed. */
    public static final int OK = 0;
    /** The input is wrong or the platform refused it: an invalid config, a REJECTED config, a 4xx answer. */
    public static final int REFUSED = 1;
    /** Bad options or arguments (picocli's own code for them). */
    public static final int USAGE = 2;
    /** The platform could not be reached or did not decide in time: Kafka or the edge down, a 5xx, a watch timeout. */
    public static final int UNAVAILABLE = 3;

    private Exit() {}
}
