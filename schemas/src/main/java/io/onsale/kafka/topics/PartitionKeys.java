package io.onsale.kafka.topics;

/**
 * The keys the catalogue's topics and the engine's stores are partitioned and ordered by, built and taken apart here
 * only: a key built one way by the edge and another by the topology would send a command to a partition whose task
 * never sees it, and nothing before run time would say so. Parts are joined by {@code |}, which ids may not contain
 * (the edge and the engine refuse such ids before a key is built).
 *
 * <ul>
 *   <li>{@link #order}: {@code eventId|buyerId}, one buyer's orders in one event ({@code order-requests}, the buyer
 *       record, {@code orders});</li>
 *   <li>{@link #section}: {@code eventId|sectionId} ({@code hold-requests}, {@code section-summaries}, a section's
 *       view); {@link SectionPartitioning} puts a unit's commands on its section's partition;</li>
 *   <li>{@link #unit}: {@code eventId|sectionId|unitId}, the unit of contention ({@code reservation-requests}).</li>
 * </ul>
 */
public final class PartitionKeys {

    public static final String SEPARATOR = "|";

    private PartitionKeys() {}

    public static String order(String eventId, String buyerId) {
        return eventId + SEPARATOR + buyerId;
    }

    public static String section(String eventId, String sectionId) {
        return eventId + SEPARATOR + sectionId;
    }

    public static String unit(String eventId, String sectionId, String unitId) {
        return section(eventId, sectionId) + SEPARATOR + unitId;
    }

    /** The prefix of every key under {@code key} in a store ordered by key: {@code key|}, for a prefix scan. */
    public static String under(String key) {
        return key + SEPARATOR;
    }

    /** Every key of one event's orders or sections, for a prefix scan: {@code eventId|}. */
    public static String ofEvent(String eventId) {
        return under(eventId);
    }

    /** The key one part up: {@code E|A} of {@code E|A|7}, {@code E} of {@code E|A}; the key itself when it has one part. */
    public static String parent(String key) {
        int last = key.lastIndexOf(SEPARATOR);
        return last < 0 ? key : key.substring(0, last);
    }

    /** The event of any of these keys: its first part. */
    public static String eventOf(String key) {
        int first = key.indexOf(SEPARATOR);
        return first < 0 ? key : key.substring(0, first);
    }
}
