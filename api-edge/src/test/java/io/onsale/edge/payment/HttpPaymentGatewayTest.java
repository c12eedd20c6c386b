package io.onsale.edge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.edge.payment.PaymentGateway.Authorization;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP gateway against a real local provider: declines, lost answers, slowness, settling twice. */
class HttpPaymentGatewayTest {

    /** Generous: a first call on a cold JVM must not time out by accident. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private static final int RETRIES = 2;

    private FakePaymentProvider provider;
    private HttpPaymentGateway gateway;

    @BeforeEach
    void start() throws IOException {
        provider = new FakePaymentProvider();
        gateway = gatewayTo(provider.baseUrl());
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private static HttpPaymentGateway gatewayTo(URI baseUrl) {
        return gatewayTo(baseUrl, CALL_TIMEOUT);
    }

    private static HttpPaymentGateway gatewayTo(URI baseUrl, Duration callTimeout) {
        return new HttpPaymentGateway(
                new HttpGatewaySettings(baseUrl, callTimeout, RETRIES, Duration.ofMillis(20)),
                new PaymentSettings(Duration.ofSeconds(30), 4, 10, Duration.ZERO, 0, null));
    }

    private Authorization authorize(String paymentId, String method) {
        return gateway.authorize(paymentId, "alice", 9900, "EUR", method).block();
    }

    @Test
    void anApprovedAuthorizationCarriesTheProvidersIdAndThePaymentIdAsItsKey() {
        Authorization authorization = authorize("pay:o1:k1", "card-1");

        assertThat(authorization.approved()).isTrue();
        assertThat(provider.state(authorization.authorizationId())).isEqualTo(FakePaymentProvider.State.AUTHORIZED);
        assertThat(provider.requests())
                .extracting(FakePaymentProvider.Request::idempotencyKey)
                .containsExactly("pay:o1:k1");
    }

    @Test
    void aDeclineIsAnAnswerWithItsReasonAndIsNeverRetried() {
        Authorization authorization = authorize("pay:o1:k2", "decline-card");

        assertThat(authorization.approved()).isFalse();
        assertThat(authorization.declineReason()).isEqualTo("CARD_DECLINED");
        assertThat(provider.requests()).hasSize(1);
    }

    @Test
    void aLostAnswerIsRetriedWithTheSameKeyAndAuthorizesOnce() {
        provider.failAfterWork(1);

        Authorization authorization = authorize("pay:o1:k3", "card-1");

        assertThat(authorization.approved()).isTrue();
        assertThat(provider.requests())
                .extracting(FakePaymentProvider.Request::idempotencyKey)
                .containsExactly("pay:o1:k3", "pay:o1:k3");
    }

    @Test
    void anAnswerCutOffMidwayIsRetriedWithTheSameKeyAndAuthorizesOnce() {
        provider.cutAnswersAfterWork(1);

        Authorization authorization = authorize("pay:o1:k10", "card-1");

        assertThat(authorization.approved()).isTrue();
        assertThat(provider.requests())
                .extracting(FakePaymentProvider.Request::idempotencyKey)
                .containsExactly("pay:o1:k10", "pay:o1:k10");
        assertThat(provider.authorizations()).hasSize(1);
    }

    @Test
    void aSettlementCutOffMidwayIsRetriedAndChargesOnce() {
        String authorizationId = authorize("pay:o1:k11", "card-1").authorizationId();
        provider.cutAnswersAfterWork(1);

        gateway.capture("pay:o1:k11", authorizationId).block();

        assertThat(provider.captures(authorizationId)).isEqualTo(1);
        assertThat(provider.requests())
                .filteredOn(request -> request.path().endsWith("/capture"))
                .hasSize(2);
    }

    @Test
    void aCaptureWhoseAnswerWasLostIsRetriedAndChargesOnce() {
        String authorizationId = authorize("pay:o1:k4", "card-1").authorizationId();
        provider.failAfterWork(1);

        gateway.capture("pay:o1:k4", authorizationId).block();

        assertThat(provider.captures(authorizationId)).isEqualTo(1);
        assertThat(provider.requests())
                .filteredOn(request -> request.path().endsWith("/capture"))
                .extracting(FakePaymentProvider.Request::idempotencyKey)
                .containsExactly("capture:" + authorizationId, "capture:" + authorizationId);
    }

    @Test
    void aSecondCaptureOfTheSameAuthorizationByAnyoneChargesOnce() {
        String authorizationId = authorize("pay:o1:k5", "card-1").authorizationId();

        gateway.capture("pay:o1:k5", authorizationId).block();
        // Another instance's reconciliation, with its own gateway, settling the same authorization.
        gatewayTo(provider.baseUrl()).capture("pay:o1:k5", authorizationId).block();

        assertThat(provider.captures(authorizationId)).isEqualTo(1);
    }

    @Test
    void aVoidReleasesTheAuthorizationAndACaptureAfterItIsRefusedForGood() {
        String authorizationId = authorize("pay:o1:k6", "card-1").authorizationId();

        gateway.voidAuthorization("pay:o1:k6", authorizationId).block();

        assertThat(provider.state(authorizationId)).isEqualTo(FakePaymentProvider.State.VOIDED);
        assertThatThrownBy(() -> gateway.capture("pay:o1:k6", authorizationId).block())
                .isInstanceOf(GatewayRefusedException.class)
                .satisfies(error ->
                        assertThat(((GatewayRefusedException) error).status()).isEqualTo(409));
        assertThat(provider.requests())
                .filteredOn(request -> request.path().endsWith("/capture"))
                .hasSize(1);
        assertThat(provider.captures(authorizationId)).isZero();
    }

    @Test
    void aSlowProviderTimesOutEachAttemptAndIsUnavailableAfterTheRetries() {
        provider.beSlow();
        HttpPaymentGateway impatient = gatewayTo(provider.baseUrl(), Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient
                        .authorize("pay:o1:k7", "alice", 9900, "EUR", "card-1")
                        .block())
                .isInstanceOf(GatewayUnavailableException.class);
        assertThat(provider.requests())
                .hasSize(1 + RETRIES)
                .extracting(FakePaymentProvider.Request::idempotencyKey)
                .containsOnly("pay:o1:k7");
    }

    @Test
    void aProviderThatKeepsFailingIsUnavailableAfterTheRetries() {
        provider.failAfterWork(10);

        assertThatThrownBy(() -> authorize("pay:o1:k8", "card-1")).isInstanceOf(GatewayUnavailableException.class);
        assertThat(provider.requests()).hasSize(1 + RETRIES);
    }

    @Test
    void noProviderAtAllIsUnavailable() throws IOException {
        URI gone;
        try (FakePaymentProvider stopped = new FakePaymentProvider()) {
            gone = stopped.baseUrl();
        }
        HttpPaymentGateway nowhere = gatewayTo(gone);

        assertThatThrownBy(() -> nowhere.authorize("pay:o1:k9", "alice", 100, "EUR", "card")
                        .block())
                .isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void aTimeoutBudgetShorterThanEveryRetryIsRefusedAtStart() {
        assertThatThrownBy(() -> new HttpPaymentGateway(
                        new HttpGatewaySettings(provider.baseUrl(), Duration.ofSeconds(5), 3, Duration.ofMillis(100)),
                        new PaymentSettings(Duration.ofSeconds(10), 4, 10, Duration.ZERO, 0, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onsale.payments.timeout");
    }
}
