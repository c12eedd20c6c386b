package io.onsale.edge.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.reservation.SectionSummary;
import java.time.Duration;
import java.util.List;
import java.util.function.ToIntFunction;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What is on sale, held and sold, per event and section, from the section summaries every instance has (a global
 * store): gauges {@code onsale.inventory.capacity}, {@code .available}, {@code .held}, {@code .sold} and
 * {@code .killed}, tags {@code event} and {@code section}. Every instance reports every event, so a dashboard takes
 * any one instance's value (max), never the sum. Refreshed every few seconds; while the reservation state is not
 * queryable the last values stay.
 */
@Component
class InventoryMetrics implements DisposableBean {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final List<Measure> measures;
    private final Disposable refreshing;

    /** One gauge family and the summary field it reports. */
    private record Measure(MultiGauge gauge, ToIntFunction<SectionSummary> value) {}

    InventoryMetrics(Engine streams, MeterRegistry meters) {
        this.measures = List.of(
                measure(meters, "capacity", "Tickets a section has", SectionSummary::getCapacity),
                measure(meters, "available", "Tickets that can be held now", SectionSummary::getAvailable),
                measure(meters, "held", "Tickets held, not yet paid", SectionSummary::getHeld),
                measure(meters, "sold", "Tickets sold", SectionSummary::getSold),
                measure(meters, "killed", "Units taken off sale by the organizer", SectionSummary::getKilled));
        this.refreshing = Flux.interval(Duration.ZERO, REFRESH, Schedulers.boundedElastic())
                .subscribe(tick -> refresh(streams));
    }

    private static Measure measure(
            MeterRegistry meters, String name, String description, ToIntFunction<SectionSummary> value) {
        return new Measure(
                MultiGauge.builder("onsale.inventory." + name)
                        .description(description)
                        .baseUnit("tickets")
                        .register(meters),
                value);
    }

    private void refresh(Engine streams) {
        Answer<List<SectionSummary>> answer;
        try {
            answer = streams.queries().allSummaries();
        } catch (StoreUnavailableException notStarted) {
            return;
        }
        if (answer instanceof Answer.Local<List<SectionSummary>> here) {
            update(here.value());
        }
    }

    void update(List<SectionSummary> summaries) {
        for (Measure measure : measures) {
            measure.gauge()
                    .register(
                            summaries.stream()
                                    .map(summary -> MultiGauge.Row.of(
                                            Tags.of("event", summary.getEventId(), "section", summary.getSectionId()),
                                            measure.value().applyAsInt(summary)))
                                    .toList(),
                            true);
        }
    }

    @Override
    public void destroy() {
        refreshing.dispose();
    }
}
