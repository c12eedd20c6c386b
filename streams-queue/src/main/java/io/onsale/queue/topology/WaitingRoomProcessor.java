package io.onsale.queue.topology;

import io.onsale.kafka.topics.PartitionKeys;
import io.onsale.queue.domain.PlaceStatus;
import io.onsale.queue.domain.PresaleDraw;
import io.onsale.queue.domain.RoomEvent;
import io.onsale.queue.domain.RoomState;
import io.onsale.queue.domain.WaitingRoom;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.queue.QueueCommand;
import io.onsale.schema.queue.QueueCommandType;
import io.onsale.schema.queue.QueuePlace;
import io.onsale.schema.queue.QueueRoom;
import io.onsale.schema.reservation.SectionSummary;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides every queue command of the events of its partition, in offset order, and ticks their rooms on the wall
 * clock. Thin: load the room, ask the {@link WaitingRoom}, store, forward its events to {@code queue-events} and,
 * when due, the room's progress to {@code queue-progress}.
 */
final class WaitingRoomProcessor implements Processor<String, QueueCommand, String, Object> {

    private final SecureRandom random = new SecureRandom();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, QueueRoom> rooms;
    private KeyValueStore<String, QueuePlace> places;
    private KeyValueStore<String, String> positions;
    private KeyValueStore<String, String> presale;
    private KeyValueStore<String, String> windows;
    private KeyValueStore<String, EventConfig> catalog;
    private KeyValueStore<String, SectionSummary> summaries;
    private Sensor joins;
    private Sensor admissions;
    private Sensor slotReleases;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        rooms = context.getStateStore(WaitingRoomTopology.ROOMS_STORE);
        places = context.getStateStore(WaitingRoomTopology.PLACES_STORE);
        positions = context.getStateStore(WaitingRoomTopology.POSITIONS_STORE);
        presale = context.getStateStore(WaitingRoomTopology.PRESALE_STORE);
        windows = context.getStateStore(WaitingRoomTopology.WINDOWS_STORE);
        catalog = context.getStateStore(WaitingRoomTopology.CATALOG_STORE);
        summaries = context.getStateStore(WaitingRoomTopology.SUMMARIES_STORE);
        String entity = "task-" + context.taskId();
        joins = sensor(entity, "join");
        admissions = sensor(entity, "admission");
        slotReleases = sensor(entity, "slot-release");
        context.schedule(WaitingRoomTopology.TICK, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void close() {
        for (Sensor sensor : new Sensor[] {joins, admissions, slotReleases}) {
            if (sensor != null) {
                context.metrics().removeSensor(sensor);
            }
        }
    }

    /** {@code <operation>-rate} and {@code -total} in group {@code stream-waiting-room-metrics}, one set per task. */
    private Sensor sensor(String entity, String operation) {
        return context.metrics()
                .addRateTotalSensor(WaitingRoomTopology.METRICS_SCOPE, entity, operation, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, QueueCommand> record) {
        QueueCommand command = record.value();
        if (command == null) {
            throw new IllegalArgumentException("a queue command must not be null (key " + record.key() + ")");
        }
        if (!command.getEventId().equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event id '"
                    + command.getEventId() + "' of its command; it would be decided on the wrong partition");
        }
        String eventId = record.key();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        QueueRoom stored = rooms.get(eventId);
        List<RoomEvent> events = new ArrayList<>();
        WaitingRoom room;
        if (stored == null) {
            if (command.getType() == QueueCommandType.CHECKOUT_ENDED
                    || command.getType() == QueueCommandType.CHECKOUT_HEALTH) {
                return; // an event nobody queued for: no slot to give back, nothing to slow, no reason to open a room
            }
            EventConfig config = catalog.get(eventId);
            if (config == null) {
                events.add(CommandMapping.refuseForUnknownEvent(command, at));
                forward(record.timestamp(), eventId, events);
                return;
            }
            room = WaitingRoom.open(
                    eventId,
                    AvroMapping.toPolicy(config.getQueuePolicy()),
                    config.getSaleOpensAt(),
                    seed(),
                    placesOf(eventId),
                    at);
        } else {
            // Config changes reach an existing room at the next tick: a join must not decode a 60,000-seat config.
            room = WaitingRoom.restore(AvroMapping.toState(stored), placesOf(eventId));
        }
        events.addAll(CommandMapping.decide(room, command, at));
        save(room, record.timestamp(), room.progressUrgent());
        forward(record.timestamp(), eventId, events);
    }

    /** Every tick, every room of this task: draw, close windows, serve a batch, publish progress if it changed. */
    private void tick(long now) {
        Instant at = Instant.ofEpochMilli(now);
        List<String> eventIds = new ArrayList<>();
        try (KeyValueIterator<String, QueueRoom> all = rooms.all()) {
            all.forEachRemaining(entry -> eventIds.add(entry.key));
        }
        for (String eventId : eventIds) {
            RoomState before = AvroMapping.toState(rooms.get(eventId));
            WaitingRoom room = WaitingRoom.restore(before, placesOf(eventId));
            List<RoomEvent> events = new ArrayList<>();
            EventConfig config = catalog.get(eventId);
            if (config != null) {
                events.addAll(
                        room.configure(AvroMapping.toPolicy(config.getQueuePolicy()), config.getSaleOpensAt(), at));
            }
            Boolean nothingLeft = nothingLeft(eventId);
            if (nothingLeft != null) {
                events.addAll(room.soldOut(nothingLeft, at));
            }
            events.addAll(room.tick(at));
            if (events.isEmpty() && !room.progressDue() && quiet(before, room.state())) {
                continue; // nothing waits, nobody shops, nothing to publish: do not rewrite the room every second
            }
            save(room, now, room.progressDue());
            forward(now, eventId, events);
        }
    }

    /**
     * Whether nothing of the event is available right now (every section's {@code available} is 0; held units may
     * still come back), from the reservation engine's section summaries; {@code null} while it has published none for
     * the event, so a room of an event without summaries keeps what {@code SOLD_OUT} / {@code INVENTORY_BACK} said.
     */
    private Boolean nothingLeft(String eventId) {
        boolean any = false;
        try (KeyValueIterator<String, SectionSummary> sections =
                summaries.prefixScan(PartitionKeys.ofEvent(eventId), new StringSerializer())) {
            while (sections.hasNext()) {
                any = true;
                if (sections.next().value.getAvailable() > 0) {
                    return false;
                }
            }
        }
        return any ? Boolean.TRUE : null;
    }

    private void save(WaitingRoom room, long timestamp, boolean publish) {
        if (publish) {
            context.forward(
                    new Record<>(
                            room.state().eventId(),
                            (Object) AvroMapping.toProgress(room.state(), Instant.ofEpochMilli(timestamp)),
                            timestamp),
                    WaitingRoomTopology.QUEUE_PROGRESS_SINK);
            room.progressPublished();
        }
        RoomState state = room.state();
        rooms.put(state.eventId(), AvroMapping.fromState(state));
    }

    private void forward(long timestamp, String eventId, List<RoomEvent> events) {
        for (RoomEvent event : events) {
            record(event);
            context.forward(
                    new Record<>(eventId, (Object) AvroMapping.toEvent(eventId, event), timestamp),
                    WaitingRoomTopology.QUEUE_EVENTS_SINK);
        }
    }

    private void record(RoomEvent event) {
        if (event instanceof RoomEvent.Joined joined && !joined.duplicate()) {
            joins.record();
            if (joined.place().status() == PlaceStatus.ADMITTED) {
                admissions.record();
            }
        } else if (event instanceof RoomEvent.Admitted batch) {
            for (long admitted = 0; admitted < batch.admitted(); admitted++) {
                admissions.record(); // a rate-total sensor counts recordings, not values
            }
        } else if (event instanceof RoomEvent.SlotReleased) {
            slotReleases.record();
        }
    }

    /** Only the tick time moved, and nothing is in flight that a later tick would change. */
    private static boolean quiet(RoomState before, RoomState after) {
        return before.waiting() == 0
                && before.activeShoppers() == 0
                && before.observedAdmitRate() == 0.0
                && before.presaleDrawn()
                && before.equals(after.withLastTickAt(before.lastTickAt()));
    }

    private StorePlaces placesOf(String eventId) {
        return new StorePlaces(eventId, places, positions, presale, windows);
    }

    /** The pre-sale seed: drawn once per room, kept in the room's store, revealed at opening. */
    private byte[] seed() {
        byte[] seed = new byte[PresaleDraw.SEED_BYTES];
        random.nextBytes(seed);
        return seed;
    }
}
