package io.onsale.reservations.topology;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.reservations.domain.Alternative;
import io.onsale.reservations.domain.Hold;
import io.onsale.reservations.domain.OrderDecision;
import io.onsale.reservations.domain.OrderRules;
import io.onsale.reservations.domain.RejectionReason;
import io.onsale.reservations.domain.SectionAllocator;
import io.onsale.reservations.domain.SectionDesk;
import io.onsale.reservations.domain.SectionIndex;
import io.onsale.reservations.domain.SectionOverview;
import io.onsale.reservations.domain.Unit;
import io.onsale.reservations.domain.UnitCommand;
import io.onsale.reservations.domain.UnitDecider;
import io.onsale.reservations.domain.UnitDecision;
import io.onsale.reservations.domain.UnitEvent;
import io.onsale.reservations.domain.UnitKey;
import io.onsale.reservations.domain.UnitView;
import io.onsale.schema.order.OrderCommand;
import io.onsale.schema.order.OrderCommandType;
import io.onsale.schema.order.OrderEvent;
import io.onsale.schema.order.OrderEventType;
import io.onsale.schema.order.OrderUpdate;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.SectionCommand;
import io.onsale.schema.reservation.SectionCommandType;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
import io.onsale.schema.reservation.UnitState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Everything that touches a section's units, decided by the one task that owns the section (ADR 0009): every unit
 * key of a section is partitioned by its section ({@code SectionPartitioning}), so the units, their expiry index and
 * the section's availability view are one task's state and change together.
 *
 * <ul>
 *   <li>{@code reservation-requests}: one unit's command (configure, hold, confirm, release, expire), decided in
 *       offset order by {@link UnitDecider}; the decision goes to {@code reservation-events}, to the order that asked
 *       ({@code order-updates}; a refused hold with the section's alternatives) and into the section's view.</li>
 *   <li>{@code hold-requests}: a buyer's order for this section (named seats, best available, a general-admission
 *       quantity), decided all or nothing by {@link SectionDesk} and <em>answered here</em> on {@code order-events}:
 *       one commit between the buyer's request and the answer. The buyer's books hear of it on
 *       {@code order-updates}. A retried order (same order id, remembered in {@code placed-orders}) goes on to its
 *       books on {@code order-requests}, which answer with where it stands now; so does one the edge marked
 *       {@code toBooks} (over the buyer's limit), noted in {@code placed-orders} first (ADR 0013).</li>
 *   <li>{@code section-requests}: ALLOCATE, from the books of an order that spans sections and asks for seats to be
 *       picked; the picked seats are held at once, in this step. An ALLOCATE for an order already placed here picks
 *       nothing: a retry reached the books before the placement did, which is on its way to them (ADR 0013).</li>
 * </ul>
 *
 * <p>Every live hold has an entry in {@code unit-expiry-index}, ordered by deadline. A wall-clock punctuator turns due
 * entries into EXPIRE commands on the unit's own input topic: the expiry is then decided like any other command, in
 * the unit's log, and a replay of that log expires the same holds at the same points. Another publishes the counts of
 * the sections that changed to {@code section-summaries}, at most every {@link #SUMMARY_INTERVAL}.
 */
final class SectionProcessor implements Processor<String, Object, String, Object> {

    static final Duration EXPIRY_SCAN_INTERVAL = Duration.ofSeconds(1);
    static final Duration SUMMARY_INTERVAL = Duration.ofMillis(500);
    /** Answers are kept for retries of the same order as long as the books keep finished orders. */
    static final Duration KEEP_PLACED = io.onsale.reservations.domain.OrderDecider.KEEP_FINISHED;

    static final Duration PLACED_CLEANUP_INTERVAL = Duration.ofMinutes(10);

    private final UnitDecider decider = new UnitDecider();
    private final SectionDesk desk = new SectionDesk();
    private final SectionAllocator allocator = new SectionAllocator();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, UnitState> units;
    private KeyValueStore<String, String> expiryIndex;
    private KeyValueStore<String, UnitAvailability> availability;
    private KeyValueStore<String, SectionSummary> summaries;
    private KeyValueStore<String, OrderEvent> placed;
    private DecisionMetrics unitMetrics;
    private DecisionMetrics sectionMetrics;
    private DecodedCache<UnitState> decoded;
    /** Decoded views of the sections this task has touched; the store stays the truth, rebuilt on every init. */
    private final Map<String, Map<String, UnitView>> sections = new HashMap<>();
    /**
     * The same views indexed by row and room, so that a pick or a refusal in a large section walks the seats that
     * could be free instead of copying and scanning all of them; kept with {@link #sections} in {@link #save}.
     */
    private final Map<String, SectionIndex> indexes = new HashMap<>();

    private final Map<String, String> currencies = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    /** After a restart the last summaries may not have gone out: publish every section of the task once. */
    private boolean refreshAll;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.units = context.getStateStore(ReservationsTopology.UNITS_STORE);
        this.expiryIndex = context.getStateStore(ReservationsTopology.UNIT_EXPIRY_INDEX_STORE);
        this.availability = context.getStateStore(ReservationsTopology.SECTION_AVAILABILITY_STORE);
        this.summaries = context.getStateStore(ReservationsTopology.SECTION_SUMMARIES_STORE);
        this.placed = context.getStateStore(ReservationsTopology.PLACED_ORDERS_STORE);
        this.decoded = new DecodedCache<>(DecodedCache.DEFAULT_ENTRIES);
        this.unitMetrics =
                new DecisionMetrics(context.metrics(), "units", context.taskId().toString());
        this.sectionMetrics = new DecisionMetrics(
                context.metrics(), "sections", context.taskId().toString());
        sections.clear();
        indexes.clear();
        dirty.clear();
        refreshAll = true;
        context.schedule(EXPIRY_SCAN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::expireDueHolds);
        context.schedule(SUMMARY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::publishSummaries);
        context.schedule(PLACED_CLEANUP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetOldPlacements);
    }

    @Override
    public void process(Record<String, Object> record) {
        Object value = record.value();
        if (value instanceof ReservationCommand command) {
            decideUnit(record, command);
        } else if (value instanceof OrderCommand order) {
            place(record, order);
        } else if (value instanceof SectionCommand command) {
            allocate(record, command);
        } else {
            throw new IllegalArgumentException("a section's input must not be null (key " + record.key() + ")");
        }
    }

    // ---- one unit's command

    private void decideUnit(Record<String, Object> record, ReservationCommand value) {
        UnitKey key = AvroMapping.keyOf(value);
        if (!key.asString().equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the unit key '" + key
                    + "' of its command; it would be decided on the wrong partition");
        }
        UnitCommand command = AvroMapping.toCommand(value, Instant.ofEpochMilli(record.timestamp()));
        UnitState stored = load(record.key());
        Optional<Unit> before = Optional.ofNullable(stored).map(AvroMapping::toUnit);
        UnitDecision decision = decider.decide(before, key, command);
        boolean configured = decision.events().stream().anyMatch(event -> event.type() == UnitEvent.Type.CONFIGURED);
        UnitState current = apply(key, before, stored, decision, configured ? value.getSpec() : null);
        String holder = value.getType() == ReservationCommandType.HOLD ? value.getOrderId() : null;
        if (current != null && (decision.changed() || holder != null)) {
            follow(key, current, decision.state().get(), holder);
        }
        var spec = decision.state().map(Unit::spec).orElse(null);
        for (UnitEvent event : decision.events()) {
            unitMetrics.record(event.reason() == null ? event.type().name() : event.type() + "-" + event.reason());
            context.forward(
                    record.withValue((Object) AvroMapping.toEvent(key, event, spec)),
                    ReservationsTopology.RESERVATION_EVENTS_SINK);
            tellOrder(
                    record,
                    value.getType() == ReservationCommandType.HOLD ? value.getOrderQuantity() : -1,
                    key,
                    event,
                    current);
        }
    }

    /** Writes the decided state back, keeps the expiry index, and returns the state as stored ({@code null}: gone). */
    private UnitState apply(
            UnitKey key,
            Optional<Unit> before,
            UnitState stored,
            UnitDecision decision,
            io.onsale.schema.reservation.UnitSpec newSpec) {
        if (!decision.changed()) {
            return stored;
        }
        reindex(key, before, decision.state());
        String unitKey = key.asString();
        if (decision.state().isEmpty()) {
            units.delete(unitKey);
            decoded.put(unitKey, null);
            return null;
        }
        UnitState next = AvroMapping.fromUnit(decision.state().get(), newSpec != null ? newSpec : stored.getSpec());
        units.put(unitKey, next);
        decoded.put(unitKey, next);
        return next;
    }

    private UnitState load(String unitKey) {
        UnitState known = decoded.get(unitKey);
        if (known != null) {
            return known;
        }
        UnitState stored = units.get(unitKey);
        decoded.put(unitKey, stored);
        return stored;
    }

    /** Keeps exactly one index entry per live hold. */
    private void reindex(UnitKey key, Optional<Unit> before, Optional<Unit> after) {
        Map<String, Hold> old = holdsOf(before);
        Map<String, Hold> now = holdsOf(after);
        old.values().stream()
                .filter(hold -> !now.containsKey(hold.holdId()))
                .forEach(hold -> expiryIndex.delete(ExpiryIndex.key(hold.expiresAt(), key, hold.holdId())));
        now.values().stream()
                .filter(hold -> !old.containsKey(hold.holdId()))
                .forEach(
                        hold -> expiryIndex.put(ExpiryIndex.key(hold.expiresAt(), key, hold.holdId()), key.asString()));
    }

    private static Map<String, Hold> holdsOf(Optional<Unit> unit) {
        return unit.map(Unit::holds).orElse(List.of()).stream()
                .collect(Collectors.toMap(Hold::holdId, Function.identity()));
    }

    /** A decision about an order's unit goes back to the order; a refused hold with the alternatives to offer. */
    /** @param holdOrderQuantity the tickets of the whole order when the command was a HOLD, else -1 */
    private void tellOrder(
            Record<String, Object> record, int holdOrderQuantity, UnitKey key, UnitEvent event, UnitState current) {
        if (event.orderId() == null || event.buyerId() == null || event.type() == UnitEvent.Type.CONFIGURED) {
            return;
        }
        String orderKey = OrderMapping.orderKey(key.eventId(), event.buyerId());
        if (event.type() == UnitEvent.Type.REJECTED && holdOrderQuantity >= 0) {
            String sectionKey = SectionMapping.sectionKey(key);
            Map<String, UnitView> section = section(sectionKey);
            UnitView refused = section.get(key.unitId());
            if (refused != null && event.orderId().equals(refused.allocatedTo())) {
                save(sectionKey, refused.withoutPick(), currencyOf(sectionKey));
            }
            int wanted = holdOrderQuantity > 0 ? holdOrderQuantity : event.quantity();
            List<Alternative> alternatives = index(sectionKey)
                    .alternatives(
                            key.sectionId(),
                            key.unitId(),
                            wanted,
                            Set.of(),
                            event.decidedAt(),
                            others(key.eventId(), key.sectionId()));
            sectionMetrics.record(alternatives.isEmpty() ? "refusal-without-alternatives" : "alternatives-offered");
            long price = current == null ? 0 : current.getSpec().getPriceMinor();
            String currency = current == null
                    ? OrderRules.DEFAULT_CURRENCY
                    : current.getSpec().getCurrency();
            OrderUpdate refusal = OrderUpdate.newBuilder(OrderMapping.unitDecided(key, event, price, currency))
                    .setAlternatives(
                            alternatives.stream().map(OrderMapping::toWire).toList())
                    .build();
            context.forward(
                    record.withKey(orderKey).withValue((Object) refusal), ReservationsTopology.ORDER_UPDATES_SINK);
            return;
        }
        long price = current == null ? 0 : current.getSpec().getPriceMinor();
        String currency = current == null
                ? OrderRules.DEFAULT_CURRENCY
                : current.getSpec().getCurrency();
        context.forward(
                record.withKey(orderKey).withValue((Object) OrderMapping.unitDecided(key, event, price, currency)),
                ReservationsTopology.ORDER_UPDATES_SINK);
    }

    // ---- a buyer's order for this section, decided and answered here

    private void place(Record<String, Object> record, OrderCommand command) {
        if (command.getType() != OrderCommandType.PLACE) {
            throw new IllegalArgumentException(
                    "hold-requests only takes PLACE, got " + command.getType() + " for " + command.getRequestId());
        }
        String sectionId = OrderMapping.sectionOf(command);
        String sectionKey = SectionMapping.sectionKey(command.getEventId(), sectionId);
        if (!sectionKey.equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the section key '" + sectionKey
                    + "' of order " + command.getOrderId() + "; it would be decided on the wrong partition");
        }
        String orderKey = OrderMapping.orderKey(command.getEventId(), command.getBuyerId());
        OrderEvent known = placed.get(command.getOrderId());
        if (known != null && known.getType() == OrderEventType.REJECTED) {
            // Refused here, which is final: answered here as it was decided. Its books may not have heard of the
            // refusal
            // yet, and would decide the order a second time, holding what was refused (seen at the large preset).
            sectionMetrics.record("placement-reanswered");
            context.forward(
                    Answers.stamped(record.withKey(orderKey).withValue((Object) known)),
                    ReservationsTopology.ORDER_ANSWERS_SINK);
            return;
        }
        if (known != null) {
            // A retry of an order held here, or handed to its books: they know where it stands now (held, paid,
            // expired…) and answer.
            sectionMetrics.record("placement-retried");
            context.forward(record.withKey(orderKey), ReservationsTopology.RETRIES_TO_BOOKS_SINK);
            return;
        }
        if (command.getToBooks()) {
            // The edge saw the order take its buyer over the limit: the books decide it. Noted first, so that a retry
            // of it (from an edge that cannot see the books) follows it there instead of being placed here (ADR 0013).
            sectionMetrics.record("placement-to-books");
            placed.put(
                    command.getOrderId(),
                    OrderMapping.handedToBooks(command, Instant.ofEpochMilli(record.timestamp())));
            context.forward(record.withKey(orderKey), ReservationsTopology.RETRIES_TO_BOOKS_SINK);
            return;
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        SectionDesk.Request request = OrderMapping.toDeskRequest(command, sectionId, at);
        SectionDesk.Outcome outcome = desk.place(
                command.getEventId(),
                request,
                unitId -> Optional.ofNullable(load(SectionMapping.viewKey(sectionKey, unitId)))
                        .map(AvroMapping::toUnit),
                index(sectionKey),
                () -> others(command.getEventId(), sectionId),
                currencyOf(sectionKey));
        for (SectionDesk.UnitOutcome unit : outcome.units()) {
            String unitKey = unit.key().asString();
            UnitState stored = load(unitKey);
            Optional<Unit> before = Optional.ofNullable(stored).map(AvroMapping::toUnit);
            UnitState current = apply(unit.key(), before, stored, unit.decision(), null);
            follow(unit.key(), current, unit.decision().state().get(), command.getOrderId());
            var spec = unit.decision().state().map(Unit::spec).orElse(null);
            for (UnitEvent event : unit.decision().events()) {
                unitMetrics.record(event.type().name());
                context.forward(
                        record.withKey(unitKey).withValue((Object) AvroMapping.toEvent(unit.key(), event, spec)),
                        ReservationsTopology.RESERVATION_EVENTS_SINK);
                if (event.type() == UnitEvent.Type.HELD) {
                    context.forward(
                            record.withKey(orderKey).withValue((Object) OrderMapping.placed(
                                    unit.key(),
                                    event,
                                    outcome.answer(),
                                    current.getSpec().getPriceMinor())),
                            ReservationsTopology.ORDER_UPDATES_SINK);
                } else if (event.orderId() != null && event.buyerId() != null) {
                    tellOrder(
                            record.withKey(unitKey), -1, unit.key(), event, current); // a hold of another order expired
                }
            }
        }
        if (outcome.refused() != null) {
            UnitEvent refusal = outcome.refused()
                    .decision()
                    .events()
                    .get(outcome.refused().decision().events().size() - 1);
            var spec = outcome.refused().decision().state().map(Unit::spec).orElse(null);
            context.forward(
                    record.withKey(outcome.refused().key().asString()).withValue((Object)
                            AvroMapping.toEvent(outcome.refused().key(), refusal, spec)),
                    ReservationsTopology.RESERVATION_EVENTS_SINK);
        }
        if (!outcome.held()) {
            context.forward(
                    record.withKey(orderKey).withValue((Object)
                            OrderMapping.placementRefused(command, sectionId, outcome.answer(), at)),
                    ReservationsTopology.ORDER_UPDATES_SINK);
        }
        sectionMetrics.record(
                outcome.held()
                        ? "placed-held"
                        : "placed-rejected-" + outcome.answer().reason());
        OrderDecision.Answer answer = new OrderDecision.Answer(
                outcome.held() ? OrderDecision.Answer.Type.HELD : OrderDecision.Answer.Type.REJECTED,
                command.getRequestId(),
                at,
                outcome.answer(),
                outcome.answer().reason());
        OrderEvent event = OrderMapping.toEvent(command.getEventId(), command.getBuyerId(), answer);
        placed.put(command.getOrderId(), event);
        context.forward(
                Answers.stamped(record.withKey(orderKey).withValue((Object) event)),
                ReservationsTopology.ORDER_ANSWERS_SINK);
    }

    // ---- best-available picks for orders kept by the books

    private void allocate(Record<String, Object> record, SectionCommand command) {
        String sectionKey = SectionMapping.sectionKey(command.getEventId(), command.getSectionId());
        if (!sectionKey.equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the section key '" + sectionKey
                    + "'; it would be decided on the wrong partition");
        }
        if (command.getType() != SectionCommandType.ALLOCATE) {
            throw new IllegalArgumentException("section command " + command.getRequestId()
                    + " has a type this version does not take on section-requests: " + command.getType());
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        OrderEvent known = placed.get(command.getOrderId());
        if (known != null && !OrderMapping.isHandedToBooks(known)) {
            // Placed here already (its books were asked too, by a retry that reached them first): its placement is on
            // its way to the books, which take it as the order's answer. Picking again would hold it twice.
            sectionMetrics.record("allocation-of-placed-order");
            return;
        }
        Map<String, UnitView> section = section(sectionKey);
        SectionIndex index = index(sectionKey);
        Optional<List<SectionAllocator.Pick>> picks = index.pick(
                command.getQuantity(),
                new HashSet<>(command.getExcludedUnitIds()),
                new HashSet<>(command.getReusableUnitIds()),
                command.getOrderId(),
                at);
        if (picks.isEmpty()) {
            RejectionReason reason = section.isEmpty()
                    ? RejectionReason.UNKNOWN_UNIT
                    : index.anyFree(at) ? RejectionReason.INSUFFICIENT_CAPACITY : RejectionReason.SOLD_OUT;
            sectionMetrics.record("allocation-failed");
            List<Alternative> alternatives = allocator.alternatives(
                    command.getSectionId(),
                    List.of(),
                    null,
                    command.getQuantity(),
                    Set.of(),
                    at,
                    others(command.getEventId(), command.getSectionId()));
            context.forward(
                    record.withKey(OrderMapping.orderKey(command.getEventId(), command.getBuyerId()))
                            .withValue((Object) OrderMapping.allocationFailed(command, reason, alternatives)),
                    ReservationsTopology.ORDER_UPDATES_SINK);
            return;
        }
        sectionMetrics.record("allocated");
        // The picked seats are this task's own: hold them now, as if their HOLDs had arrived next in their logs.
        for (SectionAllocator.Pick pick : picks.get()) {
            save(
                    sectionKey,
                    section.get(pick.unitId()).allocated(command.getOrderId(), pick.quantity(), at),
                    currencyOf(sectionKey));
            ReservationCommand hold = ReservationCommand.newBuilder()
                    .setRequestId(command.getRequestId() + ":" + pick.unitId())
                    .setType(ReservationCommandType.HOLD)
                    .setEventId(command.getEventId())
                    .setSectionId(command.getSectionId())
                    .setUnitId(pick.unitId())
                    .setHoldId(command.getHoldId())
                    .setBuyerId(command.getBuyerId())
                    .setOrderId(command.getOrderId())
                    .setQuantity(pick.quantity())
                    .setOrderQuantity(command.getQuantity())
                    .build();
            decideUnit(record.withKey(SectionMapping.viewKey(sectionKey, pick.unitId())), hold);
        }
    }

    // ---- the section's view of its units

    /** The unit's counts after a decision; {@code holderOrderId} names the order a hold was just taken for. */
    private void follow(UnitKey key, UnitState state, Unit unit, String holderOrderId) {
        String sectionKey = SectionMapping.sectionKey(key);
        Map<String, UnitView> section = section(sectionKey);
        UnitView known = section.get(key.unitId());
        UnitView next = known == null
                ? SectionMapping.newView(state, unit, holderOrderId)
                : known.decided(
                        state.getSpec().getCapacity(),
                        unit.held(),
                        unit.sold(),
                        state.getSpec().getKilled(),
                        holderOrderId,
                        holderOrderId != null
                                        && unit.holds().stream().anyMatch(hold -> holderOrderId.equals(hold.orderId()))
                                ? holderOrderId
                                : null);
        save(sectionKey, next, state.getSpec().getCurrency());
    }

    /** Other sections of the event, from the summaries every instance keeps. */
    private List<SectionOverview> others(String eventId, String sectionId) {
        List<SectionOverview> others = new ArrayList<>();
        try (KeyValueIterator<String, SectionSummary> all =
                summaries.prefixScan(PartitionKeys.ofEvent(eventId), new StringSerializer())) {
            all.forEachRemaining(entry -> {
                SectionSummary summary = entry.value;
                if (!summary.getSectionId().equals(sectionId)) {
                    others.add(new SectionOverview(
                            summary.getSectionId(),
                            SectionMapping.kind(summary.getKind()),
                            summary.getPriceTier(),
                            summary.getPriceMinor(),
                            summary.getAvailable()));
                }
            });
        }
        return others;
    }

    private Map<String, UnitView> section(String sectionKey) {
        Map<String, UnitView> loaded = sections.get(sectionKey);
        if (loaded == null) {
            List<UnitView> views = new ArrayList<>();
            try (KeyValueIterator<String, UnitAvailability> stored =
                    availability.prefixScan(PartitionKeys.under(sectionKey), new StringSerializer())) {
                while (stored.hasNext()) {
                    UnitAvailability unit = stored.next().value;
                    views.add(SectionMapping.toView(unit));
                    currencies.put(sectionKey, unit.getCurrency());
                }
            }
            loaded = inSeatOrder(views);
            sections.put(sectionKey, loaded);
            indexes.put(sectionKey, SectionIndex.of(loaded.values()));
        }
        return loaded;
    }

    private SectionIndex index(String sectionKey) {
        section(sectionKey);
        return indexes.get(sectionKey);
    }

    private String currencyOf(String sectionKey) {
        section(sectionKey);
        return currencies.getOrDefault(sectionKey, OrderRules.DEFAULT_CURRENCY);
    }

    /** A section's units kept in seat order, as the allocator reads them. */
    private static Map<String, UnitView> inSeatOrder(Collection<UnitView> views) {
        List<UnitView> ordered = new ArrayList<>(views);
        ordered.sort(SectionAllocator.SEAT_ORDER);
        Map<String, UnitView> inOrder = new LinkedHashMap<>();
        ordered.forEach(view -> inOrder.put(view.unitId(), view));
        return inOrder;
    }

    private void save(String sectionKey, UnitView view, String currency) {
        Map<String, UnitView> section = section(sectionKey);
        boolean known = section.containsKey(view.unitId());
        section.put(view.unitId(), view);
        indexes.get(sectionKey).put(view);
        if (!known) {
            sections.put(
                    sectionKey, inSeatOrder(section.values())); // a new unit (configuring): take its place in order
        }
        currencies.put(sectionKey, currency);
        availability.put(SectionMapping.viewKey(sectionKey, view.unitId()), SectionMapping.fromView(view, currency));
        dirty.add(sectionKey);
    }

    // ---- punctuators

    /** Turns every due hold into an EXPIRE command for its unit, stamped with the time it was found due. */
    private void expireDueHolds(long now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = expiryIndex.range(ExpiryIndex.FIRST, ExpiryIndex.upTo(now))) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            ExpiryIndex.Entry parsed = ExpiryIndex.parse(entry.key);
            expiryIndex.delete(entry.key);
            ReservationCommand expire = ReservationCommand.newBuilder()
                    .setRequestId("expire:" + parsed.holdId() + ":"
                            + parsed.deadline().toEpochMilli())
                    .setType(ReservationCommandType.EXPIRE)
                    .setEventId(parsed.unit().eventId())
                    .setSectionId(parsed.unit().sectionId())
                    .setUnitId(parsed.unit().unitId())
                    .setHoldId(parsed.holdId())
                    .build();
            context.forward(
                    new Record<>(parsed.unit().asString(), (Object) expire, now),
                    ReservationsTopology.EXPIRE_HOLDS_SINK);
        }
    }

    private void publishSummaries(long now) {
        if (refreshAll) {
            refreshAll = false;
            try (KeyValueIterator<String, UnitAvailability> all = availability.all()) {
                all.forEachRemaining(entry -> dirty.add(PartitionKeys.parent(entry.key)));
            }
        }
        for (String sectionKey : dirty) {
            Map<String, UnitView> section = section(sectionKey);
            if (section.isEmpty()) {
                continue;
            }
            String[] parts = sectionKey.split("\\|", 2);
            SectionSummary summary = SectionMapping.summary(
                    parts[0],
                    parts[1],
                    section.values(),
                    currencies.getOrDefault(sectionKey, OrderRules.DEFAULT_CURRENCY),
                    Instant.ofEpochMilli(now));
            context.forward(
                    new Record<>(sectionKey, (Object) summary, now), ReservationsTopology.SECTION_SUMMARIES_SINK);
        }
        dirty.clear();
    }

    private void forgetOldPlacements(long now) {
        Instant horizon = Instant.ofEpochMilli(now).minus(KEEP_PLACED);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, OrderEvent> all = placed.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getDecidedAt().isBefore(horizon)) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(placed::delete);
    }
}
