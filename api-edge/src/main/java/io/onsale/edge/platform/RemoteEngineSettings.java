package io.onsale.edge.platform;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where an edge that does not run the engine ({@code onsale.edge.embedded-engine=false}) finds it.
 *
 * @param engineServers the query endpoints ({@code host:port}, their {@code application.server}) of some engine
 *                      instances: any one that answers tells where every other is, so a few are enough
 * @param engineTimeout one query to an engine instance; longer counts as not answered (503 with Retry-After)
 */
@ConfigurationProperties("onsale.edge")
record RemoteEngineSettings(boolean embeddedEngine, List<String> engineServers, Duration engineTimeout) {

    RemoteEngineSettings {
        engineServers = engineServers == null
                ? List.of()
                : engineServers.stream()
                        .map(String::strip)
                        .filter(server -> !server.isEmpty())
                        .toList();
        engineTimeout = engineTimeout == null ? Duration.ofSeconds(2) : engineTimeout;
    }
}
