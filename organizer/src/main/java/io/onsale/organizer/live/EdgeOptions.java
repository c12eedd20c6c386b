package io.onsale.organizer.live;

import io.onsale.organizer.Exit;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Which edge to talk to, and as whom: an organizer's bearer token, from the option or the environment. */
final class EdgeOptions {

    static final String DEFAULT_EDGE = "http://127.0.0.1:8080";

    @Option(
            names = "--edge",
            paramLabel = "URL",
            description = "the edge's base address (default: $ONSALE_EDGE_URL, else " + DEFAULT_EDGE + ")")
    String edge;

    @Option(
            names = "--token",
            paramLabel = "JWT",
            description =
                    "an organizer's bearer token (default: $ONSALE_TOKEN; ./ticketing token organizer <id> makes a"
                            + " local one)")
    String token;

    @Option(
            names = "--request-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "how long to wait for the edge's answer; default ${DEFAULT-VALUE}")
    long timeoutSeconds;

    /** One exchange with the edge, answered with the command's exit code. */
    interface Exchange {
        int with(EdgeClient client) throws EdgeClient.EdgeUnavailableException;
    }

    /** Runs {@code exchange} against the edge these options name; no edge to answer is {@link Exit#UNAVAILABLE}, said why. */
    int exchange(CommandSpec spec, Map<String, String> env, Exchange exchange) {
        try {
            return exchange.with(client(spec, env));
        } catch (EdgeClient.EdgeUnavailableException e) {
            spec.commandLine().getErr().println("organizer: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
    }

    EdgeClient client(CommandSpec spec, Map<String, String> env) {
        String bearer = token != null ? token : env.get("ONSALE_TOKEN");
        if (bearer == null || bearer.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "an organizer token is needed: --token JWT or"
                            + " ONSALE_TOKEN (./ticketing token organizer <your id> makes one for the local edge)");
        }
        String base = edge != null ? edge : env.getOrDefault("ONSALE_EDGE_URL", DEFAULT_EDGE);
        URI uri;
        try {
            uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--edge must be an address such as " + DEFAULT_EDGE + ", got '" + base + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--edge must start with http:// or https://, got '" + base + "'");
        }
        return new EdgeClient(uri, bearer.strip(), java.time.Duration.ofSeconds(timeoutSeconds));
    }
}
