package io.onsale.edge.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The payment provider over HTTP (contract in the README, "Payment provider contract"). Every call carries an
 * {@code Idempotency-Key}: the payment id for an authorization, {@code capture:<authorizationId>} and
 * {@code void:<authorizationId>} for the others, so whoever settles an authorization (the payment request, its late
 * follower, a reconciliation on any instance) sends the same key and the provider moves the money once. Each
 * attempt has its own timeout; 5xx answers, timeouts, connection failures and answers cut off or unreadable are retried
 * with the same key and a growing delay, a 4xx never is: a decline is an answer, not a failure.
 */
@Component
@ConditionalOnProperty(name = "onsale.payments.gateway", havingValue = "http")
class HttpPaymentGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(HttpPaymentGateway.class);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record AuthorizeBody(String buyerId, long amountMinor, String currency, String paymentMethod) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthorizeAnswer(String authorizationId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeclineAnswer(String declineReason) {}

    /** A 5xx, retried; carries the status for the log and the final error. */
    private static final class ProviderFailed extends RuntimeException {
        ProviderFailed(HttpStatusCode status, String call) {
            super("the payment provider answered " + status.value() + " to " + call);
        }
    }

    private final WebClient client;
    private final HttpGatewaySettings settings;

    HttpPaymentGateway(HttpGatewaySettings settings, PaymentSettings payments) {
        if (settings.baseUrl() == null) {
            throw new IllegalArgumentException("onsale.payments.gateway=http needs onsale.payments.http.base-url");
        }
        if (payments.timeout() != null && settings.worstCase().compareTo(payments.timeout()) > 0) {
            throw new IllegalArgumentException("onsale.payments.timeout (" + payments.timeout() + ") is shorter than "
                    + "the HTTP gateway's calls with every retry (" + settings.worstCase() + "): raise it, or lower "
                    + "onsale.payments.http.call-timeout or max-retries");
        }
        this.settings = settings;
        this.client = WebClient.builder().baseUrl(settings.baseUrl().toString()).build();
    }

    static String captureKey(String authorizationId) {
        return "capture:" + authorizationId;
    }

    static String voidKey(String authorizationId) {
        return "void:" + authorizationId;
    }

    @Override
    public Mono<Authorization> authorize(
            String paymentId, String buyerId, long amountMinor, String currency, String paymentMethod) {
        String call = "authorize " + paymentId;
        Mono<Authorization> attempt = client.post()
                .uri("/authorizations")
                .header(IDEMPOTENCY_KEY, paymentId)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new AuthorizeBody(buyerId, amountMinor, currency, paymentMethod))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(AuthorizeAnswer.class)
                                .map(answer -> Authorization.approved(answer.authorizationId()));
                    }
                    if (response.statusCode().is4xxClientError()) {
                        // Any 4xx is the provider's final no for this payment method; the hold stays, the buyer may try
                        // another.
                        return response.bodyToMono(DeclineAnswer.class)
                                .map(DeclineAnswer::declineReason)
                                .filter(reason -> reason != null && !reason.isBlank())
                                .defaultIfEmpty("HTTP_" + response.statusCode().value())
                                .onErrorReturn("HTTP_" + response.statusCode().value())
                                .map(Authorization::declined);
                    }
                    return failed(response, call);
                });
        return withRetries(attempt, call);
    }

    @Override
    public Mono<Void> capture(String paymentId, String authorizationId) {
        return settle(authorizationId, "capture", captureKey(authorizationId));
    }

    @Override
    public Mono<Void> voidAuthorization(String paymentId, String authorizationId) {
        return settle(authorizationId, "void", voidKey(authorizationId));
    }

    private Mono<Void> settle(String authorizationId, String action, String idempotencyKey) {
        String call = action + " " + authorizationId;
        Mono<Void> attempt = client.post()
                .uri("/authorizations/{id}/{action}", authorizationId, action)
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody();
                    }
                    if (response.statusCode().is4xxClientError()) {
                        return response.releaseBody()
                                .then(Mono.error(new GatewayRefusedException(
                                        response.statusCode().value(),
                                        "the payment provider refused to " + call + " ("
                                                + response.statusCode().value() + ")")));
                    }
                    return failed(response, call);
                });
        return withRetries(attempt, call);
    }

    private static <T> Mono<T> failed(ClientResponse response, String call) {
        return response.releaseBody().then(Mono.error(new ProviderFailed(response.statusCode(), call)));
    }

    private <T> Mono<T> withRetries(Mono<T> attempt, String call) {
        return attempt.timeout(settings.callTimeout())
                .retryWhen(Retry.backoff(settings.maxRetries(), positive(settings.retryBackoff()))
                        .filter(HttpPaymentGateway::worthRetrying)
                        .doBeforeRetry(signal -> log.warn(
                                "{} failed ({}), retry {} of {} with the same idempotency key",
                                call,
                                signal.failure().toString(),
                                signal.totalRetries() + 1,
                                settings.maxRetries()))
                        .onRetryExhaustedThrow((spec, signal) -> new GatewayUnavailableException(
                                call + " failed after " + (signal.totalRetries() + 1) + " attempts: "
                                        + signal.failure().getMessage(),
                                signal.failure())))
                // With no retries configured, a failure worth retrying still means "unavailable" to the caller.
                .onErrorMap(
                        HttpPaymentGateway::worthRetrying,
                        error -> new GatewayUnavailableException(call + " failed: " + error.getMessage(), error));
    }

    /**
     * Everything but the provider's 4xx: a 5xx, no answer in time, no connection, a connection dropped halfway through
     * the answer ({@code PrematureCloseException}), an answer that does not parse. The provider may or may not have
     * done the work, so the same key is sent again; treating any of these as final would answer the buyer 500 for a
     * payment whose outcome is merely unknown.
     */
    private static boolean worthRetrying(Throwable error) {
        return !(error instanceof GatewayRefusedException);
    }

    private static Duration positive(Duration backoff) {
        return backoff == null || backoff.isNegative() || backoff.isZero() ? Duration.ofMillis(1) : backoff;
    }
}
