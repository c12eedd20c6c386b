package io.onsale.queue.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-buyer side of one event's waiting room, too large to load whole: places by buyer, and three indexes
 * the room walks in order. The topology backs it with key-value stores; tests with maps.
 */
public interface Places {

    Optional<Place> find(String buyerId);

    void save(Place place);

    /** The waiting buyer who holds this position, if any (positions of buyers who left or were served are empty). */
    Optional<String> holderOf(long position);

    void hold(long position, String buyerId);

    void vacate(long position);

    Optional<String> presaleEntrant(long presaleNumber);

    void enterPresale(long presaleNumber, String buyerId);

    void forgetPresale(long presaleNumber);

    void openWindow(Instant endsAt, String buyerId);

    void closeWindow(Instant endsAt, String buyerId);

    /** Purchase windows that end at or before {@code at}, earliest first, at most {@code limit}. */
    List<WindowEnd> windowsEndedBy(Instant at, int limit);

    /** One entry of the purchase-window index. */
    record WindowEnd(Instant endsAt, String buyerId) {}
}
