package io.onsale.reservations.topology;

import io.onsale.reservations.domain.Alternative;
import io.onsale.reservations.domain.RejectionReason;
import io.onsale.reservations.domain.SectionAllocator;
import io.onsale.reservations.domain.SectionOverview;
import io.onsale.reservations.domain.UnitView;
import io.onsale.schema.reservation.ReservationCommand;
import io.onsale.schema.reservation.ReservationCommandType;
import io.onsale.schema.reservation.SectionCommand;
import io.onsale.schema.reservation.SectionCommandType;
import io.onsale.schema.reservation.SectionSummary;
import io.onsale.schema.reservation.UnitAvailability;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The section allocator, keyed {@code eventId|sectionId}: follows every decision of the section's units into
 * the store {@code section-availability} (one entry per unit, so the seat map of a section is one prefix
 * scan), picks seats for best-available orders (marking them so two concurrent orders are not handed the
 * same seats), and answers refused holds with the alternatives to offer. The units remain the authority:
 * a pick is only a proposal that their decisions confirm or refuse.
 *
 * <p>A wall-clock punctuator publishes the counts of sections that changed to {@code section-summaries}, at
 * most every {@link #SUMMARY_INTERVAL}, so a burst of decisions costs one summary, not one per decision.
 */
final class SectionProcessor implements Processor<String, SectionCommand, String, Object> {

    static final Duration SUMMARY_INTERVAL = Duration.ofMillis(500);

    private final SectionAllocator allocator = new SectionAllocator();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, UnitAvailability> availability;
    private KeyValueStore<String, SectionSummary> summaries;
    private DecisionMetrics metrics;
    /** Decoded views of the sections this task has touched; the store stays the truth, rebuilt on every init. */
    private final Map<String, Map<String, UnitView>> sections = new HashMap<>();
    private final Map<String, String> currencies = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    /** After a restart the last summaries may not have gone out: publish every section of the task once. */
    private boolean refreshAll;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.availability = context.getStateStore(ReservationsTopology.SECTION_AVAILABILITY_STORE);
        this.summaries = context.getStateStore(ReservationsTopology.SECTION_SUMMARIES_STORE);
        this.metrics = new DecisionMetrics(context.metrics(), "sections", context.taskId().toString());
        sections.clear();
        dirty.clear();
        refreshAll = true;
        context.schedule(SUMMARY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::publishSummaries);
    }

    @Override
    public void process(Record<String, SectionCommand> record) {
        SectionCommand command = record.value();
        if (command == null) {
            throw new IllegalArgumentException("a section command must not be null (key " + record.key() + ")");
        }
        String sectionKey = SectionMapping.sectionKey(command.getEventId(), command.getSectionId());
        if (!sectionKey.equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the section key '" + sectionKey
                    + "'; it would be decided on the wrong partition");
        }
        Instant at = Instant.ofEpochMilli(record.timestamp());
        switch (command.getType()) {
            case UNIT_CHANGED -> follow(sectionKey, command);
            case UNIT_REJECTED -> answerRefusal(record, sectionKey, command, at);
            case ALLOCATE -> allocate(record, sectionKey, command, at);
            default -> throw new IllegalArgumentException("section command " + command.getRequestId()
                    + " has a type this version does not know");
        }
    }

    private void follow(String sectionKey, SectionCommand command) {
        if (!SectionMapping.hasCounts(command)) {
            return;
        }
        Map<String, UnitView> units = section(sectionKey);
        UnitView known = units.get(command.getUnitId());
        // A hold taken names its order; a refusal names the order that lost the seat, never the one holding it.
        String holder = command.getType() == SectionCommandType.UNIT_CHANGED ? command.getOrderId() : null;
        UnitView next = known == null ? SectionMapping.newView(command, holder)
                : known.decided(command.getCapacity(), command.getHeld(), command.getSold(), command.getKilled(),
                command.getOrderId(), holder);
        save(sectionKey, next, command.getCurrency());
    }

    private void answerRefusal(Record<String, SectionCommand> record, String sectionKey, SectionCommand command, Instant at) {
        follow(sectionKey, command);
        Map<String, UnitView> units = section(sectionKey);
        UnitView refused = units.get(command.getUnitId());
        if (refused != null && command.getOrderId().equals(refused.allocatedTo())) {
            save(sectionKey, refused.withoutPick(), command.getCurrency());
        }
        List<Alternative> alternatives = allocator.alternatives(command.getSectionId(), viewOf(units), command.getUnitId(),
                command.getOrderQuantity(), Set.of(), at, others(command.getEventId(), command.getSectionId()));
        metrics.record(alternatives.isEmpty() ? "refusal-without-alternatives" : "alternatives-offered");
        context.forward(record.withKey(OrderMapping.orderKey(command.getEventId(), command.getBuyerId()))
                .withValue((Object) OrderMapping.refused(command, alternatives)), ReservationsTopology.SECTION_ANSWERS_SINK);
    }

    private void allocate(Record<String, SectionCommand> record, String sectionKey, SectionCommand command, Instant at) {
        Map<String, UnitView> units = section(sectionKey);
        Set<String> excluded = new HashSet<>(command.getExcludedUnitIds());
        Optional<List<SectionAllocator.Pick>> picks = allocator.pick(viewOf(units), command.getQuantity(), excluded,
                new HashSet<>(command.getReusableUnitIds()), command.getOrderId(), at);
        if (picks.isEmpty()) {
            RejectionReason reason = units.isEmpty() ? RejectionReason.UNKNOWN_UNIT
                    : units.values().stream().anyMatch(unit -> unit.free(at) > 0) ? RejectionReason.INSUFFICIENT_CAPACITY
                    : RejectionReason.SOLD_OUT;
            metrics.record("allocation-failed");
            List<Alternative> alternatives = allocator.alternatives(command.getSectionId(), List.of(), null,
                    command.getQuantity(), Set.of(), at, others(command.getEventId(), command.getSectionId()));
            context.forward(record.withKey(OrderMapping.orderKey(command.getEventId(), command.getBuyerId()))
                            .withValue((Object) OrderMapping.allocationFailed(command, reason, alternatives)),
                    ReservationsTopology.SECTION_ANSWERS_SINK);
            return;
        }
        metrics.record("allocated");
        String currency = currencies.getOrDefault(sectionKey, "EUR");
        for (SectionAllocator.Pick pick : picks.get()) {
            save(sectionKey, units.get(pick.unitId()).allocated(command.getOrderId(), pick.quantity(), at), currency);
            ReservationCommand hold = ReservationCommand.newBuilder()
                    .setRequestId(command.getRequestId() + ":" + pick.unitId()).setType(ReservationCommandType.HOLD)
                    .setEventId(command.getEventId()).setSectionId(command.getSectionId()).setUnitId(pick.unitId())
                    .setHoldId(command.getHoldId()).setBuyerId(command.getBuyerId()).setOrderId(command.getOrderId())
                    .setQuantity(pick.quantity()).setOrderQuantity(command.getQuantity())
                    .build();
            context.forward(record.withKey(sectionKey + "|" + pick.unitId()).withValue((Object) hold),
                    ReservationsTopology.SECTION_HOLDS_SINK);
        }
    }

    /** Other sections of the event, from the summaries every instance keeps. */
    private List<SectionOverview> others(String eventId, String sectionId) {
        List<SectionOverview> others = new ArrayList<>();
        try (KeyValueIterator<String, SectionSummary> all = summaries.prefixScan(eventId + "|", new StringSerializer())) {
            all.forEachRemaining(entry -> {
                SectionSummary summary = entry.value;
                if (!summary.getSectionId().equals(sectionId)) {
                    others.add(new SectionOverview(summary.getSectionId(), SectionMapping.kind(summary.getKind()),
                            summary.getPriceTier(), summary.getPriceMinor(), summary.getAvailable()));
                }
            });
        }
        return others;
    }

    private Map<String, UnitView> section(String sectionKey) {
        Map<String, UnitView> units = sections.get(sectionKey);
        if (units == null) {
            List<UnitView> loaded = new ArrayList<>();
            try (KeyValueIterator<String, UnitAvailability> stored = availability.prefixScan(sectionKey + "|",
                    new StringSerializer())) {
                while (stored.hasNext()) {
                    UnitAvailability unit = stored.next().value;
                    loaded.add(SectionMapping.toView(unit));
                    currencies.put(sectionKey, unit.getCurrency());
                }
            }
            units = inSeatOrder(loaded);
            sections.put(sectionKey, units);
        }
        return units;
    }

    /** A section's units kept in seat order, so the allocator walks them without sorting at every request. */
    private static Map<String, UnitView> inSeatOrder(Collection<UnitView> views) {
        List<UnitView> ordered = new ArrayList<>(views);
        ordered.sort(SectionAllocator.SEAT_ORDER);
        Map<String, UnitView> units = new LinkedHashMap<>();
        ordered.forEach(view -> units.put(view.unitId(), view));
        return units;
    }

    private void save(String sectionKey, UnitView view, String currency) {
        Map<String, UnitView> units = section(sectionKey);
        boolean known = units.containsKey(view.unitId());
        units.put(view.unitId(), view);
        if (!known) {
            sections.put(sectionKey, inSeatOrder(units.values())); // a new unit (configuring): take its place in order
        }
        currencies.put(sectionKey, currency);
        availability.put(SectionMapping.viewKey(sectionKey, view.unitId()), SectionMapping.fromView(view, currency));
        dirty.add(sectionKey);
    }

    private void publishSummaries(long now) {
        if (refreshAll) {
            refreshAll = false;
            try (KeyValueIterator<String, UnitAvailability> all = availability.all()) {
                all.forEachRemaining(entry -> dirty.add(entry.key.substring(0, entry.key.lastIndexOf('|'))));
            }
        }
        for (String sectionKey : dirty) {
            Map<String, UnitView> units = section(sectionKey);
            if (units.isEmpty()) {
                continue;
            }
            String[] parts = sectionKey.split("\\|", 2);
            SectionSummary summary = SectionMapping.summary(parts[0], parts[1], units.values(),
                    currencies.getOrDefault(sectionKey, "EUR"), Instant.ofEpochMilli(now));
            context.forward(new Record<>(sectionKey, (Object) summary, now), ReservationsTopology.SECTION_SUMMARIES_SINK);
        }
        dirty.clear();
    }

    private static List<UnitView> viewOf(Map<String, UnitView> units) {
        return List.copyOf(units.values());
    }
}
