package io.onsale.edge.queue;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded waiting room and the signing of its tickets and tokens. Defaults live in application.yaml.
 *
 * @param applicationId     the waiting room's own Streams application id, never the reservation engine's (ADR 0006)
 * @param stateDir          its own state directory
 * @param signingSecret     the secret queue tickets and admission tokens are signed with (one key per purpose is
 *                          derived from it); the same on every edge instance, at least 32 bytes
 * @param pollInterval      how often a buyer polling the status is asked to come back
 * @param heartbeat         how often the status stream says it is alive while nothing changes
 * @param admissionHistory  how far back a starting instance reads admitted batches, so it can tell admitted buyers
 *                          their window: longer than any purchase window
 * @param statusStreams     how many status streams may be open at once ({@link StatusStreams})
 */
@ConfigurationProperties("onsale.queue")
record QueueSettings(
        String applicationId,
        Path stateDir,
        String signingSecret,
        Duration pollInterval,
        Duration heartbeat,
        Duration admissionHistory,
        StreamLimits statusStreams) {

    /**
     * @param perBuyer    one buyer's streams on one instance (a tab or two); the next is answered 429
     * @param perInstance every buyer's streams on this instance; the next is answered 503
     */
    record StreamLimits(int perBuyer, int perInstance) {

        StreamLimits {
            if (perBuyer < 1 || perInstance < 1) {
                throw new IllegalArgumentException(
                        "onsale.queue.status-streams.per-buyer and per-instance must be at least 1");
            }
        }
    }
}
