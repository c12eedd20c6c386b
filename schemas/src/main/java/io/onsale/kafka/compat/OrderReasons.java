package io.onsale.kafka.compat;

import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderReason;
import io.onsale.schema.order.OrderState;
import java.util.Arrays;

/**
 * An order's reason as its record says it: the typed {@code reasonCode}, or the {@code reason} string that records
 * written before it carried. A name this reader does not know (a newer writer's) reads as {@link OrderReason#UNKNOWN};
 * a record with neither has no reason ({@code null}).
 */
public final class OrderReasons {

    private OrderReasons() {}

    public static OrderReason of(OrderEvent answer) {
        return of(answer.getReasonCode(), answer.getReason());
    }

    public static OrderReason of(OrderState order) {
        return of(order.getReasonCode(), order.getReason());
    }

    public static OrderReason of(OrderReason code, String reason) {
        if (code != null && code != OrderReason.UNKNOWN) {
            return code;
        }
        if (reason == null) {
            return code;
        }
        return Arrays.stream(OrderReason.values())
                .filter(known -> known.name().equals(reason))
                .findFirst()
                .orElse(OrderReason.UNKNOWN);
    }
}
