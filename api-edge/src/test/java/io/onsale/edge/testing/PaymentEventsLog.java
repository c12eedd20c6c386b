package io.onsale.edge.testing;

import io.onsale.kafka.topics.Topics;
import io.onsale.schema.payment.PaymentEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything committed on an edge's {@code payment-events} topic so far, read from the beginning to the end. */
public final class PaymentEventsLog {

    private PaymentEventsLog() {}

    /** Every committed payment event, in partition order (all of one order are on one partition, in order). */
    public static List<PaymentEvent> read(Topics topics) {
        List<PaymentEvent> events = new ArrayList<>();
        String topic = topics.paymentEvents().name();
        TopicLog.readAll(
                topic,
                record -> events.add(
                        topics.paymentEvents().valueSerde().deserializer().deserialize(topic, record.value())));
        return events;
    }

    /** Per order, its payment steps in order: {@code AUTHORIZED}, {@code CAPTURED}, {@code FAILED}, {@code VOIDED:<why>}. */
    public static Map<String, List<String>> stepsByOrder(Topics topics) {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        for (PaymentEvent event : read(topics)) {
            steps.computeIfAbsent(event.getOrderId(), order -> new ArrayList<>())
                    .add(step(event));
        }
        return steps;
    }

    /** One order's payment steps, empty when it has none. */
    public static List<String> stepsOf(Topics topics, String orderId) {
        return stepsByOrder(topics).getOrDefault(orderId, List.of());
    }

    private static String step(PaymentEvent event) {
        return switch (event.getStatus()) {
            case VOIDED -> "VOIDED:" + event.getReason();
            default -> event.getStatus().name();
        };
    }
}
