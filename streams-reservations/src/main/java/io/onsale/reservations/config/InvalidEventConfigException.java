package io.onsale.reservations.config;

import java.util.List;
import java.util.stream.Collectors;

/** An event config that breaks {@link EventConfigValidator}'s rules; its message lists every problem. */
public class InvalidEventConfigException extends RuntimeException {

    private final List<EventConfigValidator.Problem> problems;

    public InvalidEventConfigException(String eventId, List<EventConfigValidator.Problem> problems) {
        super("event config '" + eventId + "' is invalid: "
                + problems.stream().map(EventConfigValidator.Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<EventConfigValidator.Problem> problems() {
        return problems;
    }
}
