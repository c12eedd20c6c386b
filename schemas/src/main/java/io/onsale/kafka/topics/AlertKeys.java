package io.onsale.kafka.topics;

/**
 * The key of the {@code alerts} topic: {@code alertName|instance}. Every transition of one alert decided by one edge
 * instance lands in one partition, in the order it was decided; the labels (which call, event or app) are in the value.
 */
public final class AlertKeys {

    private static final String SEPARATOR = "|";

    private AlertKeys() {}

    public static String of(String alertName, String instance) {
        if (alertName.contains(SEPARATOR)) {
            throw new IllegalArgumentException("an alert name cannot contain '" + SEPARATOR + "': " + alertName);
        }
        return alertName + SEPARATOR + instance;
    }

    /** The alert name of a key built by {@link #of}. */
    public static String alertNameOf(String key) {
        int separator = key.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not an alert key (alertName|instance): " + key);
        }
        return key.substring(0, separator);
    }

    /** The instance of a key built by {@link #of} (it may itself contain '|'). */
    public static String instanceOf(String key) {
        int separator = key.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not an alert key (alertName|instance): " + key);
        }
        return key.substring(separator + 1);
    }
}
