package io.onsale.edge.queue;

import io.onsale.queue.domain.PresaleDraw;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positions the pre-sale draw gave, per revealed seed: the draw is computed once per event and instance, not on
 * every status read of a pre-sale ticket (it walks all N tickets). A seed is revealed once per event.
 */
final class PresalePositions {

    private record Draw(String seed, int count) {}

    private final Map<Draw, long[]> draws = new ConcurrentHashMap<>();

    long positionOf(String seedHex, int count, long presaleNumber) {
        if (presaleNumber < 1 || presaleNumber > count) {
            throw new IllegalArgumentException(
                    "pre-sale ticket " + presaleNumber + " is not among the " + count + " drawn");
        }
        return draws.computeIfAbsent(
                        new Draw(seedHex, count), draw -> PresaleDraw.positions(draw.seed(), draw.count()))[
                (int) (presaleNumber - 1)];
    }
}
