package io.onsale.kafka.compat;

import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueuePlace;
import io.onsale.schema.queue.QueueReason;

/**
 * The waiting room's reason as its record says it: the typed {@code reasonCode} ({@code endReasonCode} of a place),
 * or the string that records written before it carried. Rooms before the typed field wrote {@code INVALID_POLICY}
 * with its problems after a colon ({@code "INVALID_POLICY: …"}), so the string's symbol is what comes before the
 * first colon. A name this reader does not know (a newer writer's) reads as {@link QueueReason#UNKNOWN}; a record
 * with neither has no reason ({@code null}).
 */
public final class QueueReasons {

    private QueueReasons() {}

    public static QueueReason of(QueueEvent event) {
        return of(event.getReasonCode(), event.getReason());
    }

    public static QueueReason endOf(QueuePlace place) {
        return of(place.getEndReasonCode(), place.getEndReason());
    }

    public static QueueReason of(QueueReason code, String reason) {
        if (code != null && code != QueueReason.UNKNOWN) {
            return code;
        }
        if (reason == null) {
            return code;
        }
        int colon = reason.indexOf(':');
        String symbol = colon < 0 ? reason : reason.substring(0, colon);
        // A plain loop rather than valueOf: an unknown name is expected here, not exceptional.
        for (QueueReason known : QueueReason.values()) {
            if (known.name().equals(symbol)) {
                return known;
            }
        }
        return QueueReason.UNKNOWN;
    }

    /**
     * What the room said beside the reason (an invalid policy's problems): {@code reasonDetail}, or, from a room before
     * it, what follows the symbol in the reason string. {@code null} when there is none.
     */
    public static String detailOf(QueueEvent event) {
        if (event.getReasonDetail() != null) {
            return event.getReasonDetail();
        }
        String reason = event.getReason();
        int colon = reason == null ? -1 : reason.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String detail = reason.substring(colon + 1).strip();
        return detail.isEmpty() ? null : detail;
    }
}
