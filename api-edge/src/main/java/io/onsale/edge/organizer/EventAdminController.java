package io.onsale.edge.organizer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventConfigJson;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.StoreUnavailableException;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.config.EventConfigValidator;
import io.onsale.reservations.config.EventConfigValidator.Problem;
import io.onsale.schema.config.EventConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Organizers configure events here. A config is validated by the same rules the topology applies, produced
 * to {@code event-config}, and answered READY once this instance sees it in the event catalogue (from then
 * on orders for its units are decided after their configuration), or ACCEPTED if that takes longer.
 */
@RestController
@RequestMapping("/api/admin/events")
class EventAdminController {

    private final CommandPublisher publisher;
    private final EventCatalog catalog;
    private final Topics topics;
    private final Duration visibleTimeout;

    EventAdminController(CommandPublisher publisher, EventCatalog catalog, Topics topics, KafkaSettings settings) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.topics = topics;
        this.visibleTimeout = settings.configVisibleTimeout();
    }

    @PutMapping("/{eventId}")
    Mono<ResponseEntity<Map<String, String>>> configure(@PathVariable String eventId, @RequestBody EventConfigJson body) {
        List<Problem> problems = new ArrayList<>();
        EventConfig config = body.toAvro(eventId, problems);
        if (config != null) {
            problems.addAll(EventConfigValidator.problems(config));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest("invalid-event-config", "The event config has " + problems.size() + " problem(s): "
                    + problems.get(0) + (problems.size() > 1 ? " …" : ""))
                    .with("errors", problems.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        }
        return publisher.publish(topics.eventConfig(), eventId, config)
                .then(visible(eventId, config))
                .map(ready -> ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.ACCEPTED)
                        .body(Map.of("eventId", eventId, "status", ready ? "READY" : "ACCEPTED")));
    }

    private boolean isVisible(String eventId, EventConfig config) {
        try {
            return catalog.find(eventId).filter(stored -> Objects.equals(stored, config)).isPresent();
        } catch (StoreUnavailableException startingOrRebalancing) {
            return false;
        }
    }

    private Mono<Boolean> visible(String eventId, EventConfig config) {
        return Flux.interval(Duration.ZERO, Duration.ofMillis(50))
                .publishOn(Schedulers.boundedElastic())
                .map(tick -> isVisible(eventId, config))
                .filter(Boolean::booleanValue)
                .next()
                .doOnNext(ready -> catalog.invalidate(eventId))
                .timeout(visibleTimeout, Mono.just(false));
    }
}
