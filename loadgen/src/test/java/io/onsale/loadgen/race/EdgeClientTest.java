package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EdgeClientTest {

    private final EdgeClient client = new EdgeClient(EdgeClient.newHttpClient(Duration.ofSeconds(1)),
            URI.create("http://edge.test:8080"), Duration.ofSeconds(10));
    private final HttpRequest get = client.getEvent("e1", "token");

    @Test
    void requestsCarryTheBearerTokenAndKeepABasePathPrefix() {
        EdgeClient prefixed = new EdgeClient(EdgeClient.newHttpClient(Duration.ofSeconds(1)),
                URI.create("http://edge.test:8080/onsale"), Duration.ofSeconds(10));

        HttpRequest order = prefixed.placeOrder("e1", "{}", "tok", "key-1");

        assertThat(order.uri()).hasToString("http://edge.test:8080/onsale/api/events/e1/orders");
        assertThat(order.headers().firstValue("Authorization")).hasValue("Bearer tok");
        assertThat(order.headers().firstValue("Idempotency-Key")).hasValue("key-1");
        assertThat(order.timeout()).hasValue(Duration.ofSeconds(10));
    }

    @Test
    void transportFailuresAreExplainedInWords() {
        assertThat(client.transportProblem(get, new CompletionException(new ConnectException())))
                .isEqualTo("edge unreachable at http://edge.test:8080 (connection refused). Is the edge running?");
        ConnectException unknownHost = new ConnectException();
        unknownHost.initCause(new UnresolvedAddressException());
        assertThat(client.transportProblem(get, unknownHost))
                .isEqualTo("edge unreachable at http://edge.test:8080: cannot resolve host 'edge.test'");
        assertThat(client.transportProblem(get, new HttpConnectTimeoutException("x")))
                .startsWith("edge unreachable at http://edge.test:8080: connecting timed out");
        assertThat(client.transportProblem(get, new HttpTimeoutException("x")))
                .isEqualTo("the edge at http://edge.test:8080 did not answer GET /api/events/e1 within 10 s");
        assertThat(EdgeClient.transportLabel(new CompletionException(new HttpTimeoutException("x"))))
                .isEqualTo("timeout");
    }

    @Test
    void unexpectedAnswerQuotesTheProblemAndHintsAtTokenSettingsOn401() {
        EdgeResponse unauthorized = new EdgeResponse(401,
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"bad signature\"}");

        assertThat(client.unexpected(get, unauthorized).getMessage()).isEqualTo(
                "unexpected answer from the edge to GET /api/events/e1: 401 Unauthorized: bad signature"
                        + " (do --secret, --issuer and --audience match the edge's token settings?)");
        assertThat(new EdgeResponse(500, "<html>\n oops </html>").describe()).isEqualTo("500 <html> oops </html>");
    }
}
