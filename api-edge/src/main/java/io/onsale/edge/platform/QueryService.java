package io.onsale.edge.platform;

import io.onsale.edge.problem.StoreUnavailableException;
import io.onsale.reservations.query.ReservationQueries;
import io.onsale.reservations.query.ReservationQueries.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * Answers reads from the engine's state wherever it is: here (the caller builds the answer), on another
 * instance (the same request, with the buyer's Authorization header, is forwarded to that instance's
 * {@code application.server} and its answer relayed as is), or nowhere right now (503 with Retry-After, never
 * stale or empty data).
 */
@Component
public class QueryService {

    /** Marks a forwarded request, so ownership moving mid-flight gives a 503 instead of a forwarding loop. */
    static final String FORWARDED_HEADER = "Onsale-Forwarded-From";
    /**
     * On a relayed answer: {@value #PEER}, another instance answered it (for whoever debugs a read, and for the tests).
     * Never that instance's address: internal hosts and ports are not for clients (logged here at debug instead).
     */
    public static final String ANSWERED_BY_HEADER = "Onsale-Answered-By";

    static final String PEER = "peer";
    private static final Logger log = LoggerFactory.getLogger(QueryService.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for a forwarded payment or cancel: it waits for the gateway and the engine on the other side. */
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(60);

    /** A retried order forwarded to where the buyer's orders are kept is checked for admission there again. */
    private final Engine streams;

    private final WebClient client;
    private final StoreReads reads;

    QueryService(Engine streams, StoreReads reads) {
        this.streams = streams;
        this.reads = reads;
        this.client = WebClient.create();
    }

    /** The engine's interactive queries; {@link StoreUnavailableException} while the topology is not started. */
    public ReservationQueries queries() {
        return streams.queries();
    }

    /**
     * @param query asks the engine where the answer is
     * @param local builds the HTTP answer when it is here
     */
    public <T> Mono<ResponseEntity<Object>> answer(
            Supplier<Answer<T>> query, ServerHttpRequest request, Function<T, ResponseEntity<Object>> local) {
        return route(query, request, null, value -> Mono.fromSupplier(() -> local.apply(value)));
    }

    /**
     * For requests that act on what they read (a payment reads the order it pays): the whole request, body included,
     * goes to the instance that holds the state, so it acts on the truth rather than on a copy.
     *
     * @param body the request's body, sent again when the request is forwarded; {@code null} for none
     * @param local the work to do when the state is here
     */
    public <T> Mono<ResponseEntity<Object>> route(
            Supplier<Answer<T>> query,
            ServerHttpRequest request,
            Object body,
            Function<T, Mono<ResponseEntity<Object>>> local) {
        // Off the event loop (StoreReads); the local answer is built where the state was read.
        return reads.read(query::get).flatMap(answer -> {
            if (answer instanceof Answer.Local<T> here) {
                return local.apply(here.value());
            }
            if (answer instanceof Answer.Remote<T> remote) {
                if (request.getHeaders().containsHeader(FORWARDED_HEADER)) {
                    return Mono.error(
                            new StoreUnavailableException("the state moved between instances while this request "
                                    + "was forwarded; try again shortly"));
                }
                return forward(remote.host(), request, body);
            }
            return Mono.error(new StoreUnavailableException(((Answer.Unavailable<T>) answer).why()));
        });
    }

    private Mono<ResponseEntity<Object>> forward(HostInfo host, ServerHttpRequest request, Object body) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port()
                + request.getPath().pathWithinApplication().value()
                + (request.getURI().getRawQuery() == null
                        ? ""
                        : "?" + request.getURI().getRawQuery()));
        WebClient.RequestBodySpec forwarded = client.method(request.getMethod())
                .uri(uri)
                .headers(headers -> {
                    copy(request.getHeaders(), headers, HttpHeaders.AUTHORIZATION);
                    copy(request.getHeaders(), headers, HttpHeaders.ACCEPT);
                    copy(request.getHeaders(), headers, EdgeHeaders.IDEMPOTENCY_KEY);
                    copy(request.getHeaders(), headers, EdgeHeaders.ADMISSION_TOKEN);
                    headers.set(
                            FORWARDED_HEADER,
                            streams.applicationServer() == null ? "unknown" : streams.applicationServer());
                });
        WebClient.RequestHeadersSpec<?> withBody = body == null
                ? forwarded
                : forwarded.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return withBody.exchangeToMono(response -> response.toEntity(byte[].class)
                        .map(entity -> {
                            ResponseEntity.BodyBuilder relayed = ResponseEntity.status(entity.getStatusCode())
                                    .header(ANSWERED_BY_HEADER, PEER);
                            copy(entity.getHeaders(), relayed, HttpHeaders.CONTENT_TYPE);
                            copy(entity.getHeaders(), relayed, HttpHeaders.RETRY_AFTER);
                            return relayed.body((Object) (entity.getBody() == null ? new byte[0] : entity.getBody()));
                        }))
                // A read is answered from state; anything else (a payment, a cancel) waits for the engine on the other
                // side.
                .timeout(HttpMethod.GET.equals(request.getMethod()) ? READ_TIMEOUT : ACTION_TIMEOUT)
                .onErrorMap(
                        error -> error instanceof WebClientRequestException
                                || error instanceof java.util.concurrent.TimeoutException,
                        error -> {
                            // The address and the cause are for the operator's log, never for the client's answer.
                            log.warn(
                                    "forwarding {} {} to {}:{} failed: {}",
                                    request.getMethod(),
                                    request.getPath().pathWithinApplication().value(),
                                    host.host(),
                                    host.port(),
                                    error.toString());
                            return new StoreUnavailableException(
                                    "the instance that holds this state did not answer; " + "try again shortly");
                        });
    }

    private static void copy(HttpHeaders from, HttpHeaders to, String name) {
        if (from.containsHeader(name)) {
            to.addAll(name, from.get(name));
        }
    }

    private static void copy(HttpHeaders from, ResponseEntity.HeadersBuilder<?> to, String name) {
        if (from.containsHeader(name)) {
            to.header(name, from.get(name).toArray(String[]::new));
        }
    }
}
