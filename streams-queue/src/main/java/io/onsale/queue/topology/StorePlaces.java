package io.onsale.queue.topology;

import io.onsale.queue.domain.Place;
import io.onsale.queue.domain.Places;
import io.onsale.schema.queue.QueuePlace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One event's places and indexes in the task's stores. Keys start with {@code eventId|} (event ids never hold a
 * '|'); numbers are zero-padded to 19 digits so that byte order is numeric order and an event's entries are one
 * range.
 */
final class StorePlaces implements Places {

    private final String eventId;
    private final KeyValueStore<String, QueuePlace> places;
    private final KeyValueStore<String, String> positions;
    private final KeyValueStore<String, String> presale;
    private final KeyValueStore<String, String> windows;

    StorePlaces(
            String eventId,
            KeyValueStore<String, QueuePlace> places,
            KeyValueStore<String, String> positions,
            KeyValueStore<String, String> presale,
            KeyValueStore<String, String> windows) {
        this.eventId = eventId;
        this.places = places;
        this.positions = positions;
        this.presale = presale;
        this.windows = windows;
    }

    static String placeKey(String eventId, String buyerId) {
        return eventId + "|" + buyerId;
    }

    static String numberKey(String eventId, long number) {
        return eventId + "|" + String.format("%019d", number);
    }

    @Override
    public Optional<Place> find(String buyerId) {
        return Optional.ofNullable(places.get(placeKey(eventId, buyerId))).map(AvroMapping::toPlace);
    }

    @Override
    public void save(Place place) {
        places.put(placeKey(eventId, place.buyerId()), AvroMapping.fromPlace(eventId, place));
    }

    @Override
    public Optional<String> holderOf(long position) {
        return Optional.ofNullable(positions.get(numberKey(eventId, position)));
    }

    @Override
    public void hold(long position, String buyerId) {
        positions.put(numberKey(eventId, position), buyerId);
    }

    @Override
    public void vacate(long position) {
        positions.delete(numberKey(eventId, position));
    }

    @Override
    public Optional<String> presaleEntrant(long presaleNumber) {
        return Optional.ofNullable(presale.get(numberKey(eventId, presaleNumber)));
    }

    @Override
    public void enterPresale(long presaleNumber, String buyerId) {
        presale.put(numberKey(eventId, presaleNumber), buyerId);
    }

    @Override
    public void forgetPresale(long presaleNumber) {
        presale.delete(numberKey(eventId, presaleNumber));
    }

    @Override
    public void openWindow(Instant endsAt, String buyerId) {
        windows.put(windowKey(endsAt, buyerId), buyerId);
    }

    @Override
    public void closeWindow(Instant endsAt, String buyerId) {
        windows.delete(windowKey(endsAt, buyerId));
    }

    @Override
    public List<WindowEnd> windowsEndedBy(Instant at, int limit) {
        List<WindowEnd> ended = new ArrayList<>();
        // Every key is "event|millis|buyer", so "event|(at + 1)" sorts after all windows ending at or before `at`.
        try (KeyValueIterator<String, String> range =
                windows.range(numberKey(eventId, 0), numberKey(eventId, at.toEpochMilli() + 1))) {
            while (range.hasNext() && ended.size() < limit) {
                KeyValue<String, String> entry = range.next();
                String millis = entry.key.substring(eventId.length() + 1, eventId.length() + 20);
                ended.add(new WindowEnd(Instant.ofEpochMilli(Long.parseLong(millis)), entry.value));
            }
        }
        return ended;
    }

    private String windowKey(Instant endsAt, String buyerId) {
        return numberKey(eventId, endsAt.toEpochMilli()) + "|" + buyerId;
    }
}
