package io.onsale.edge.buyer;

import io.onsale.edge.platform.RandomIds;
import io.onsale.kafka.topics.PartitionKeys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * How the edge names orders and requests, so a retry names the same ones and an order id alone leads to its books.
 *
 * <ul>
 *   <li>request id of a PLACE: {@code place:<eventId>:<buyerId>:<Idempotency-Key>} — a retry with the same key sends
 *       the same command, which the engine answers as the first time; without a key, a random one (no retry
 *       protection);</li>
 *   <li>order id: {@code <eventId>:<uuid>}, the uuid name-based on the request id. The event id is embedded because the
 *       engine keeps a buyer's orders under {@code eventId|buyerId}: with the buyer from the token, an order id alone
 *       finds the owner's books, and another buyer's token finds nothing (404). Event ids never contain {@code :}
 *       (EventConfigValidator), so the last {@code :} splits it.</li>
 * </ul>
 */
public final class OrderIds {

    private static final int UUID_LENGTH = 36;

    private OrderIds() {}

    /** An order id and the event it belongs to. */
    public record OrderRef(String eventId, String orderId) {
        String orderKey(String buyerId) {
            return PartitionKeys.order(eventId, buyerId);
        }
    }

    static String placeRequestId(String eventId, String buyerId, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank()
                ? RandomIds.uuid().toString()
                : idempotencyKey;
        return "place:" + eventId + ":" + buyerId + ":" + key;
    }

    static String orderIdOf(String eventId, String placeRequestId) {
        return eventId + ":" + UUID.nameUUIDFromBytes(placeRequestId.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty for anything the edge did not hand out: such an order cannot exist. */
    public static Optional<OrderRef> parse(String orderId) {
        if (orderId == null) {
            return Optional.empty();
        }
        int split = orderId.lastIndexOf(':');
        if (split < 1 || orderId.length() - split - 1 != UUID_LENGTH) {
            return Optional.empty();
        }
        try {
            UUID.fromString(orderId.substring(split + 1));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
        return Optional.of(new OrderRef(orderId.substring(0, split), orderId));
    }

    /** Each cancel is its own request; cancelling a cancelled order is answered CANCELLED again. */
    public static String cancelRequestId(String orderId) {
        return "cancel:" + orderId + ":" + RandomIds.uuid();
    }
}
