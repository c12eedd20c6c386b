package io.onsale.reservations.domain;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one command: the unit's next state ({@code empty} when the unit does not exist) and the
 * events to publish, in order. {@code changed} tells whether the state must be written back.
 */
public record UnitDecision(Optional<Unit> state, List<UnitEvent> events, boolean changed) {

    public UnitDecision {
        events = List.copyOf(events);
    }
}
