package io.onsale.loadgen.race;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Who goes for which seat. Decided up front from the seed so a surprising race can be replayed with the same pairs.
 */
final class RacePlan {

    /** One buyer asking for one seat. */
    record Attempt(String buyerId, String seatId) {}

    private final List<String> seatIds;
    private final List<Attempt> attempts;
    private final List<Attempt> releaseOrder;

    private RacePlan(List<String> seatIds, List<Attempt> attempts, List<Attempt> releaseOrder) {
        this.seatIds = List.copyOf(seatIds);
        this.attempts = List.copyOf(attempts);
        this.releaseOrder = List.copyOf(releaseOrder);
    }

    /**
     * Deals the seats round-robin (so contention per seat differs by at most one buyer) and shuffles who gets which
     * deal, so neither buyer numbers nor sending order line up with seats.
     */
    static RacePlan create(List<String> seatIds, int buyers, long seed) {
        if (seatIds.isEmpty()) {
            throw new IllegalArgumentException("a race needs at least one seat");
        }
        List<String> deals = new ArrayList<>(buyers);
        for (int i = 0; i < buyers; i++) {
            deals.add(seatIds.get(i % seatIds.size()));
        }
        Random random = new Random(seed);
        Collections.shuffle(deals, random);
        List<Attempt> attempts = new ArrayList<>(buyers);
        for (int i = 0; i < buyers; i++) {
            attempts.add(new Attempt(buyerId(i + 1, buyers), deals.get(i)));
        }
        List<Attempt> releaseOrder = new ArrayList<>(attempts);
        Collections.shuffle(releaseOrder, random);
        return new RacePlan(seatIds, attempts, releaseOrder);
    }

    /** buyer-01 … buyer-40; zero-padded so ids sort in buyer order, wider when there are 100 or more buyers. */
    static String buyerId(int number, int buyers) {
        int width = Math.max(2, String.valueOf(buyers).length());
        return String.format("buyer-%0" + width + "d", number);
    }

    List<String> seatIds() {
        return seatIds;
    }

    List<Attempt> attempts() {
        return attempts;
    }

    /**
     * The order buyers line up at the start gate. A released latch wakes its waiters roughly first come, first
     * served, so lining up in buyer order would let low buyer numbers win nearly every seat.
     */
    List<Attempt> releaseOrder() {
        return releaseOrder;
    }

    /** Contenders per seat, in seat order, including seats nobody goes for. */
    Map<String, List<String>> contendersBySeat() {
        Map<String, List<String>> bySeat = new LinkedHashMap<>();
        seatIds.forEach(seat -> bySeat.put(seat, new ArrayList<>()));
        attempts.forEach(a -> bySeat.get(a.seatId()).add(a.buyerId()));
        return bySeat;
    }
}
