package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.Problem;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EdgeCallsTest {

    @Test
    void aBuyerWithoutAnAnswerIsLabelledByWhatWentWrong() {
        assertThat(EdgeCalls.label(
                        new CompletionException(new EdgeCallException(EdgeCallException.Kind.TIMEOUT, "no answer"))))
                .isEqualTo("timeout");
        assertThat(EdgeCalls.label(new EdgeCallException(
                        EdgeCallException.Kind.UNREACHABLE, "refused", new ConnectException("refused"))))
                .isEqualTo("connection refused");
        assertThat(EdgeCalls.label(new EdgeCallException(
                        EdgeCallException.Kind.UNREACHABLE, "unknown", new UnknownHostException("edge.test"))))
                .isEqualTo("unknown host");
        assertThat(EdgeCalls.label(new IllegalStateException("a bug"))).isEqualTo("I/O error");
    }

    @Test
    void unexpectedAnswerQuotesTheProblemAndHintsAtTokenSettingsOn401() {
        Answer<Object> unauthorized = new Answer<>(
                401,
                null,
                new Problem("about:blank", "Unauthorized", 401, "bad signature", null, null, List.of(), List.of()),
                Duration.ZERO);

        assertThat(EdgeCalls.unexpected("GET /api/events/e1", unauthorized).getMessage())
                .isEqualTo("unexpected answer from the edge to GET /api/events/e1: 401 Unauthorized: bad signature"
                        + " (do --secret, --issuer and --audience match the edge's token settings?)");
    }
}
