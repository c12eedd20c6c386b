package io.onsale.edge.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.onsale.edge.buyer.OrderGateway;
import io.onsale.edge.buyer.OrderLookupForTests;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventIndex;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.platform.ReservationsStreams;
import io.onsale.edge.platform.StoreReads;
import io.onsale.edge.security.JwtSettings;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.config.Seat;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import io.onsale.schema.order.BuyerOrders;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderItem;
import io.onsale.schema.order.OrderLine;
import io.onsale.schema.order.OrderLineStatus;
import io.onsale.schema.order.OrderState;
import io.onsale.schema.order.OrderStatus;
import io.onsale.schema.payment.PaymentEvent;
import io.onsale.schema.payment.PaymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The WebFlux slice of the endpoints that act on a buyer's orders (placing, reading and cancelling them; paying them),
 * with the engine replaced: the security chain, the query service over mocked stores, the order gateway and the command
 * publisher mocked, and one event, {@code E1}, in the catalogue. Extend it and add {@code @WebFluxTest} with the
 * controller under test; the subclass keeps only its own tests and the request helpers of its endpoints.
 *
 * <p>Event {@code E1} opened at {@link #SALE_OPEN}, at most 4 tickets a buyer: section {@code A} (seats A-1-1 … A-1-3
 * at 99.00), {@code FLOOR} (one zone, FLOOR-1, at 45.00) and {@code LAWN} (two zones, LAWN-L and LAWN-R, at 30.00).
 * {@code NOPE} is no event. {@link #ORDER_ID} is alice's order placed with the key {@code k-1}.
 */
@EnableConfigurationProperties(JwtSettings.class)
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({QueryService.class, StoreReads.class, ClockWiring.class, OrderSliceFixture.DefaultTopics.class})
public abstract class OrderSliceFixture {

    protected static final Instant SALE_OPEN = Instant.parse("2026-12-01T10:00:00Z");
    protected static final Instant HOLD_ENDS = SALE_OPEN.plusSeconds(600);
    protected static final String ORDER_ID = OrderLookupForTests.orderIdOf("E1", "place:E1:alice:k-1");

    @Autowired
    protected WebTestClient http;

    @MockitoBean
    protected EventCatalog catalog;

    @MockitoBean
    protected OrderGateway gateway;

    @MockitoBean
    protected ReservationsStreams streams;

    @MockitoBean
    protected ReservationQueries queries;

    @MockitoBean
    protected CommandPublisher publisher;

    /** The topics by their default names. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class DefaultTopics {
        @Bean
        Topics topics() {
            return Topics.from(Topics.Settings.defaults());
        }
    }

    @BeforeEach
    protected void anEventWithSeatsAndTwoStandingSections() {
        Section seated = Section.newBuilder()
                .setSectionId("A")
                .setName("A")
                .setKind(SectionKind.RESERVED)
                .setPriceTier("T1")
                .setPriceMinor(9_900)
                .setZones(List.of())
                .setSeats(List.of(seat("A-1-1", 1), seat("A-1-2", 2), seat("A-1-3", 3)))
                .build();
        Section floor = Section.newBuilder()
                .setSectionId("FLOOR")
                .setName("Floor")
                .setKind(SectionKind.GENERAL_ADMISSION)
                .setPriceTier("GA")
                .setPriceMinor(4_500)
                .setSeats(List.of())
                .setZones(List.of(
                        Zone.newBuilder().setZoneId("FLOOR-1").setCapacity(100).build()))
                .build();
        Section lawn = Section.newBuilder()
                .setSectionId("LAWN")
                .setName("Lawn")
                .setKind(SectionKind.GENERAL_ADMISSION)
                .setPriceTier("GA")
                .setPriceMinor(3_000)
                .setSeats(List.of())
                .setZones(List.of(
                        Zone.newBuilder().setZoneId("LAWN-L").setCapacity(50).build(),
                        Zone.newBuilder().setZoneId("LAWN-R").setCapacity(50).build()))
                .build();
        EventConfig config = EventConfig.newBuilder()
                .setEventId("E1")
                .setName("n")
                .setVenue("v")
                .setSaleOpensAt(SALE_OPEN)
                .setPerBuyerLimit(4)
                .setSections(List.of(seated, floor, lawn))
                .setQueuePolicy(QueuePolicy.newBuilder().build())
                .build();
        when(catalog.index("E1")).thenReturn(Optional.of(new EventIndex(config)));
        when(catalog.index("NOPE")).thenReturn(Optional.empty());
        when(streams.queries()).thenReturn(queries);
        when(publisher.publish(any(), any(), any())).thenReturn(Mono.empty());
    }

    // ---- requests

    /** A request of {@code buyer}'s (a buyer token) sent with {@code key} as its Idempotency-Key. */
    protected static Consumer<HttpHeaders> asBuyer(String buyer, String key) {
        return headers -> {
            headers.setBearerAuth(TestTokens.buyer(buyer));
            headers.set("Idempotency-Key", key);
        };
    }

    // ---- what the engine has and answers

    /** Alice's books hold {@link #ORDER_ID}, HELD, its current line held until {@code holdEnds}. */
    protected void givenHeldOrder(Instant holdEnds) {
        BuyerOrders books = books("alice", OrderStatus.HELD);
        books.getOrders().get(0).getLines().forEach(line -> {
            if (line.getStatus() == OrderLineStatus.HELD) {
                line.setHoldExpiresAt(holdEnds);
            }
        });
        when(queries.orders("E1", "alice")).thenReturn(new Answer.Local<>(Optional.of(books)));
    }

    /** The statuses of the {@code payment-events} produced so far, in order. */
    protected List<PaymentStatus> paymentSteps() {
        ArgumentCaptor<Object> events = ArgumentCaptor.forClass(Object.class);
        verify(publisher, atLeast(0)).publish(any(), any(), events.capture());
        return events.getAllValues().stream()
                .filter(PaymentEvent.class::isInstance)
                .map(event -> ((PaymentEvent) event).getStatus())
                .toList();
    }

    /** The gateway's outcome once the engine has committed {@code answer}. */
    protected static Mono<OrderGateway.Outcome> decided(OrderEvent answer) {
        return Mono.just(new OrderGateway.Outcome(answer.getRequestId(), answer.getOrderId(), answer, null));
    }

    /** The engine's answer about {@link #ORDER_ID}, for a test to complete. */
    protected static OrderEvent.Builder answer(OrderEventType type) {
        return OrderEvent.newBuilder()
                .setRequestId("r")
                .setType(type)
                .setOrderId(ORDER_ID)
                .setEventId("E1")
                .setBuyerId("alice")
                .setDecidedAt(SALE_OPEN);
    }

    protected static OrderItem item(String section, String unit, int quantity, long price) {
        return OrderItem.newBuilder()
                .setSectionId(section)
                .setUnitId(unit)
                .setQuantity(quantity)
                .setPriceMinor(price)
                .build();
    }

    /**
     * {@code buyer}'s books with {@link #ORDER_ID} in {@code status}: two attempts of a best-available order, of which
     * only the current attempt's line (A-1-1, held until {@link #HOLD_ENDS}) is the buyer's.
     */
    protected static BuyerOrders books(String buyer, OrderStatus status) {
        OrderLine lost = OrderLine.newBuilder()
                .setSectionId("A")
                .setUnitId("A-1-2")
                .setHoldId(ORDER_ID + "~1")
                .setStatus(OrderLineStatus.RELEASED)
                .setPriceMinor(9_900)
                .build();
        OrderLine current = OrderLine.newBuilder()
                .setSectionId("A")
                .setUnitId("A-1-1")
                .setHoldId(ORDER_ID + "~2")
                .setStatus(OrderLineStatus.HELD)
                .setPriceMinor(9_900)
                .setHoldExpiresAt(HOLD_ENDS)
                .build();
        OrderState order = OrderState.newBuilder()
                .setOrderId(ORDER_ID)
                .setRequestId("r")
                .setStatus(status)
                .setSectionId("A")
                .setQuantity(1)
                .setAttempt(2)
                .setPlacedAt(SALE_OPEN)
                .setUpdatedAt(SALE_OPEN)
                .setLines(List.of(lost, current))
                .build();
        return BuyerOrders.newBuilder()
                .setEventId("E1")
                .setBuyerId(buyer)
                .setOrders(List.of(order))
                .build();
    }

    private static Seat seat(String id, int number) {
        return Seat.newBuilder().setSeatId(id).setRow("1").setNumber(number).build();
    }
}
