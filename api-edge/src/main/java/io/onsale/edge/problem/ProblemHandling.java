package io.onsale.edge.problem;

import java.net.URI;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/** Every error leaves the edge as {@code application/problem+json} that says what was wrong. */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private static final int MAX_RECORD_BYTES = io.onsale.kafka.topics.TopicSpec.LARGE_MESSAGE_BYTES;
    private static final URI NO_TYPE = URI.create("about:blank");

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> refused(ApiProblem problem) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status());
        problem.retryAfter().ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        return answer.body(problem.toProblemDetail());
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(StoreUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.detail(
                        HttpStatus.SERVICE_UNAVAILABLE, "state-unavailable", "Try again shortly", e.getMessage()));
    }

    /**
     * A command whose record exceeds what Kafka takes (the producer's {@code max.request.size} or the topic's
     * {@code max.message.bytes}, 4 MiB for {@code event-config}); nothing was produced. A body within the edge's limits
     * can still get here: an event config of long ids is larger as a record than its JSON suggests.
     */
    @ExceptionHandler(RecordTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLargeForKafka(RecordTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Problems.detail(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "record-too-large",
                        "Request too large for one record",
                        "This request is too large as one Kafka record (a record may be at most " + MAX_RECORD_BYTES
                                + " bytes, 4 MiB); nothing was produced. Kafka said: " + e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof AbortedException) {
            // The client gave up (a timeout of its own) before its answer: nothing failed here, and under a burst
            // thousands of these filled the log with stack traces.
            log.debug("the client closed its connection before the answer: {}", e.getMessage());
        } else {
            log.error("unexpected failure", e);
        }
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(internalError().toProblemDetail());
    }

    /** The answer to a failure of the edge itself (already logged by whoever caught it). */
    public static ApiProblem internalError() {
        return new ApiProblem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "The edge failed to handle this request; nothing was decided for it. It has been logged.");
    }

    /** Malformed JSON and wrong types: say where and what, in JSON's terms, instead of "Failed to read HTTP message". */
    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(
            ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        ApiProblem problem = cause == ex ? malformed(ex.getReason()) : malformed(cause);
        return Mono.just(ResponseEntity.badRequest().body(problem.toProblemDetail()));
    }

    /**
     * The framework's own refusals (415 an unsupported content type, 405 a method a path does not take, 404 no such
     * path, …) are problems already; they get a {@code type} of ours like every other answer ({@code about:blank}
     * otherwise, which a client cannot branch on), named after their status: {@code urn:onsale:problem:unsupported-media-type}.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return super.handleExceptionInternal(ex, body, headers, status, exchange)
                .map(answer -> {
                    if (answer.getBody() instanceof ProblemDetail problem
                            && (problem.getType() == null || NO_TYPE.equals(problem.getType()))) {
                        problem.setType(Problems.type(slugOf(answer.getStatusCode())));
                    }
                    return answer;
                });
    }

    static String slugOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null
                ? "http-" + status.value()
                : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** A 400 saying why a body could not be read, from the reader's message ({@link UnreadableBodies#describe(String)}). */
    public static ApiProblem malformed(String reason) {
        return malformedBecause(UnreadableBodies.describe(reason));
    }

    /** A 400 saying why a body could not be read, from the reader's failure ({@link UnreadableBodies#describe(Throwable)}). */
    public static ApiProblem malformed(Throwable failure) {
        return malformedBecause(UnreadableBodies.describe(failure));
    }

    private static ApiProblem malformedBecause(String why) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "Malformed request",
                "The request could not be read: " + why);
    }
}
