package io.onsale.queue.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** The waiting room's per-buyer side in maps, for deciding without Kafka. */
final class InMemoryPlaces implements Places {

    private final Map<String, Place> places = new HashMap<>();
    private final TreeMap<Long, String> positions = new TreeMap<>();
    private final TreeMap<Long, String> presale = new TreeMap<>();
    private final TreeSet<WindowEnd> windows =
            new TreeSet<>((a, b) -> a.endsAt().equals(b.endsAt())
                    ? a.buyerId().compareTo(b.buyerId())
                    : a.endsAt().compareTo(b.endsAt()));

    @Override
    public Optional<Place> find(String buyerId) {
        return Optional.ofNullable(places.get(buyerId));
    }

    @Override
    public void save(Place place) {
        places.put(place.buyerId(), place);
    }

    @Override
    public Optional<String> holderOf(long position) {
        return Optional.ofNullable(positions.get(position));
    }

    @Override
    public void hold(long position, String buyerId) {
        positions.put(position, buyerId);
    }

    @Override
    public void vacate(long position) {
        positions.remove(position);
    }

    @Override
    public Optional<String> presaleEntrant(long presaleNumber) {
        return Optional.ofNullable(presale.get(presaleNumber));
    }

    @Override
    public void enterPresale(long presaleNumber, String buyerId) {
        presale.put(presaleNumber, buyerId);
    }

    @Override
    public void forgetPresale(long presaleNumber) {
        presale.remove(presaleNumber);
    }

    @Override
    public void openWindow(Instant endsAt, String buyerId) {
        windows.add(new WindowEnd(endsAt, buyerId));
    }

    @Override
    public void closeWindow(Instant endsAt, String buyerId) {
        windows.remove(new WindowEnd(endsAt, buyerId));
    }

    @Override
    public List<WindowEnd> windowsEndedBy(Instant at, int limit) {
        return windows.stream()
                .filter(window -> !window.endsAt().isAfter(at))
                .limit(limit)
                .toList();
    }

    int waitingPositions() {
        return positions.size();
    }

    int openWindows() {
        return windows.size();
    }
}
