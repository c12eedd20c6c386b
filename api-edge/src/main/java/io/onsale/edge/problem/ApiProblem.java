package io.onsale.edge.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request the edge refuses, with everything the buyer needs to know why. Thrown by controllers and
 * turned into {@code application/problem+json} by {@link ProblemHandling}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        // An answer to the buyer, not a failure of the edge: no stack trace to fill in (1.4% of the event loops under
        // the large preset, where tens of thousands of requests are refused).
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    /** When the problem says when to come back ({@code retryAfterSeconds}): the value of its {@code Retry-After}. */
    public java.util.Optional<String> retryAfter() {
        return java.util.Optional.ofNullable(extensions.get("retryAfterSeconds"))
                .map(String::valueOf);
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = Problems.detail(status, slug, title, getMessage());
        extensions.forEach(problem::setProperty);
        return problem;
    }

    public static ApiProblem badRequest(String slug, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    public static ApiProblem notFound(String slug, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, slug, "Not found", detail);
    }

    public static ApiProblem unprocessable(String slug, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, slug, "Unprocessable request", detail);
    }
}
