package io.onsale.edge.organizer;

import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.catalog.EventConfigJson;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.problem.ApiProblem;
import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.kafka.topics.Topics;
import io.onsale.reservations.config.EventConfigValidator;
import io.onsale.reservations.config.EventConfigValidator.Problem;
import io.onsale.reservations.query.ReservationQueries.Answer;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.reservation.SectionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Organizers configure events here. A config is validated by the same rules the topology applies, produced
 * to {@code event-config}, and answered READY once this instance sees it in the event catalogue (from then
 * on orders for its units are decided after their configuration), or ACCEPTED if that takes longer.
 *
 * <p>Inventory changes (seats or zones off sale and back, zones' capacities) are applied to the config in force and
 * produced as the next config. Each answer carries the config's version as its {@code ETag}; a change sent with
 * {@code If-Match} applies only to that version, so two organizers' changes never silently overwrite each other.
 *
 * <p>Only an event's owner (or an admin) changes it ({@link EventOwnership}); a new event is owned by the organizer who
 * configured it, recorded in the config, so every instance and the engine know it.
 */
@RestController
@RequestMapping("/api/admin/events")
class EventAdminController {

    private final CommandPublisher publisher;
    private final EventCatalog catalog;
    private final Topics topics;
    private final Duration visibleTimeout;
    private final QueryService queries;

    EventAdminController(
            CommandPublisher publisher,
            EventCatalog catalog,
            Topics topics,
            KafkaSettings settings,
            QueryService queries) {
        this.publisher = publisher;
        this.catalog = catalog;
        this.topics = topics;
        this.visibleTimeout = settings.configVisibleTimeout();
        this.queries = queries;
    }

    @PutMapping("/{eventId}")
    Mono<ResponseEntity<Map<String, Object>>> configure(
            @PathVariable String eventId, @RequestBody EventConfigJson body, @AuthenticationPrincipal Jwt organizer) {
        // Who may replace it, before anything else is looked at: a new event becomes the caller's.
        String owner = EventOwnership.ownerOfNewConfig(catalog.find(eventId).orElse(null), organizer);
        List<Problem> problems = new ArrayList<>();
        EventConfig config = body.toAvro(eventId, problems);
        if (config != null) {
            config.setOwner(owner);
            problems.addAll(EventConfigValidator.problems(config));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest(
                            "invalid-event-config",
                            "The event config has " + problems.size() + " problem(s): " + problems.get(0)
                                    + (problems.size() > 1 ? " …" : ""))
                    .with(
                            "errors",
                            problems.stream()
                                    .map(p -> Map.of("field", p.field(), "message", p.message()))
                                    .toList());
        }
        return publish(eventId, config, Map.of());
    }

    @PatchMapping("/{eventId}/inventory")
    Mono<ResponseEntity<Map<String, Object>>> changeInventory(
            @PathVariable String eventId,
            @RequestBody InventoryChange change,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Jwt organizer) {
        EventConfig current = catalog.find(eventId)
                .orElseThrow(() -> ApiProblem.notFound("unknown-event", "There is no event '" + eventId + "'."));
        EventOwnership.requireMayChange(current, organizer);
        String version = ConfigVersion.of(current);
        if (ifMatch != null
                && !ifMatch.strip().equals(version)
                && !ifMatch.strip().equals("*")) {
            throw new ApiProblem(
                            HttpStatus.PRECONDITION_FAILED,
                            "config-changed",
                            "The event changed meanwhile",
                            "The event's config is at version " + version + ", not " + ifMatch.strip()
                                    + ": read it again and " + "decide on the change again.")
                    .with("currentVersion", version);
        }
        if (change.isEmpty()) {
            throw ApiProblem.badRequest("empty-inventory-change", "Nothing to change: give kill, restore or capacity.");
        }
        List<Problem> problems = change.problemsWith(current);
        EventConfig next = problems.isEmpty() ? change.applyTo(current) : null;
        if (next != null) {
            problems.addAll(EventConfigValidator.problems(next));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.unprocessable(
                            "invalid-inventory-change",
                            "The change has " + problems.size() + " problem(s): " + problems.get(0)
                                    + (problems.size() > 1 ? " …" : ""))
                    .with(
                            "errors",
                            problems.stream()
                                    .map(p -> Map.of("field", p.field(), "message", p.message()))
                                    .toList());
        }
        refuseShrinkingBelowTaken(eventId, InventoryChange.shrunkSections(current, next));
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("killed", change.kill());
        applied.put("restored", change.restore());
        applied.put("capacity", change.capacity());
        return publish(eventId, next, applied);
    }

    /**
     * The engine never shrinks a zone below what is held and sold (it keeps the old capacity); refuse what would
     * clearly be refused there, per section, from the section summaries every instance has.
     */
    private void refuseShrinkingBelowTaken(String eventId, Map<String, Integer> shrunk) {
        if (shrunk.isEmpty()) {
            return;
        }
        Answer<List<SectionSummary>> summaries = queries.queries().summaries(eventId);
        if (!(summaries instanceof Answer.Local<List<SectionSummary>> here)) {
            throw new StoreUnavailableException("the sections' availability is not readable here right now");
        }
        for (SectionSummary summary : here.value()) {
            Integer after = shrunk.get(summary.getSectionId());
            int taken = summary.getHeld() + summary.getSold();
            if (after != null && after < taken) {
                throw new ApiProblem(
                                HttpStatus.CONFLICT,
                                "capacity-below-taken",
                                "Capacity below what is taken",
                                "Section " + summary.getSectionId() + " would have " + after + " tickets, but " + taken
                                        + " are held or sold; nothing was changed.")
                        .with("reason", "CAPACITY_BELOW_TAKEN")
                        .with("sectionId", summary.getSectionId())
                        .with("taken", taken)
                        .with("capacity", after);
            }
        }
    }

    private Mono<ResponseEntity<Map<String, Object>>> publish(
            String eventId, EventConfig config, Map<String, Object> extra) {
        return publisher
                .publish(topics.eventConfig(), eventId, config)
                .then(visible(eventId, config))
                .map(ready -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("eventId", eventId);
                    body.put("status", ready ? "READY" : "ACCEPTED");
                    body.putAll(extra);
                    return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.ACCEPTED)
                            .eTag(ConfigVersion.of(config))
                            .body(body);
                });
    }

    private boolean isVisible(String eventId, EventConfig config) {
        try {
            return catalog.find(eventId)
                    .filter(stored -> Objects.equals(stored, config))
                    .isPresent();
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
