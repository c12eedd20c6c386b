package io.onsale.queue.topology;

import io.onsale.schema.reservation.SectionSummary;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the waiting room's copy of the reservation engine's section summaries (key {@code eventId|sectionId}): put
 * on a summary, delete on a tombstone. Each tick asks it whether anything of a room's event is left.
 */
final class SectionSummaryUpdater implements Processor<String, SectionSummary, Void, Void> {

    private KeyValueStore<String, SectionSummary> summaries;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        summaries = context.getStateStore(WaitingRoomTopology.SUMMARIES_STORE);
    }

    @Override
    public void process(Record<String, SectionSummary> record) {
        if (record.value() == null) {
            summaries.delete(record.key());
        } else {
            summaries.put(record.key(), record.value());
        }
    }
}
