package io.onsale.edge.organizer;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.schema.config.EventConfig;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Organizers own their events: the organizer who created an event (the token's {@code sub}, recorded as the config's
 * {@code owner}) changes its config, inventory and waiting room; a token with the {@value #ADMIN} role changes any
 * event; anyone else gets 403. An event without an owner (configured before owners were recorded, or produced without
 * one) is changed by an {@value #ADMIN} only. The engine refuses a config that names another owner than the one in
 * force ({@code EventConfigValidator.ownership}), so two organizers racing to create one event cannot both own it.
 */
public final class EventOwnership {

    /** Acts on every event; implies ORGANIZER (and OPERATOR) for the URL rules. */
    public static final String ADMIN = "ADMIN";

    private static final String ROLES_CLAIM = "roles";

    private EventOwnership() {}

    static boolean isAdmin(Jwt caller) {
        List<String> roles = caller.getClaimAsStringList(ROLES_CLAIM);
        return roles != null && roles.contains(ADMIN);
    }

    /** Refuses (403) a caller who may not change {@code config}, the event's config in force. */
    public static void requireMayChange(EventConfig config, Jwt caller) {
        if (isAdmin(caller) || config.getOwner() != null && config.getOwner().equals(caller.getSubject())) {
            return;
        }
        throw notOwner(config.getEventId());
    }

    /**
     * The owner a new config records: the caller for a new event; for an existing one (which only its owner or an
     * admin may replace, else 403) the owner in force, so an admin's change keeps the event its organizer's.
     */
    static String ownerOfNewConfig(EventConfig inForce, Jwt caller) {
        if (inForce == null) {
            return caller.getSubject();
        }
        requireMayChange(inForce, caller);
        return inForce.getOwner();
    }

    static ApiProblem notOwner(String eventId) {
        // The same answer whether another organizer owns it or nobody does: who owns an event is not for others to
        // learn.
        return new ApiProblem(
                        HttpStatus.FORBIDDEN,
                        "not-event-owner",
                        "Not your event",
                        "Event '" + eventId
                                + "' belongs to another organizer: only its owner or an administrator may change it.")
                .with("eventId", eventId);
    }
}
