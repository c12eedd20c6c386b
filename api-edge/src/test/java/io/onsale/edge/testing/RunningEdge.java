package io.onsale.edge.testing;

import static org.awaitility.Awaitility.await;

import io.onsale.edge.EdgeApplication;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.loadgen.client.EdgeApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One edge instance started in the test's JVM on a free port, on the shared {@link RealKafka} broker, with its own
 * topic prefix and application ids (two instances given the same prefix are two instances of one engine), and the
 * typed buyer and organizer client ({@link EdgeApi}) pointed at it. Ready once its readiness probe is UP.
 */
public final class RunningEdge implements AutoCloseable {

    /** Patient enough for a payment that waits in the gateway's line during a burst. */
    public static final EdgeApi.Settings CLIENT =
            new EdgeApi.Settings(Duration.ofSeconds(5), Duration.ofSeconds(90), 256, 2);

    private final ConfigurableApplicationContext context;
    private final EdgeApi api;
    private final URI uri;

    private RunningEdge(ConfigurableApplicationContext context, URI uri) {
        this.context = context;
        this.uri = uri;
        this.api = EdgeApi.connect(uri, CLIENT);
    }

    /**
     * Starts an instance and waits until it is ready.
     *
     * @param prefix   topic prefix and application-id prefix ({@link RealKafka#uniquePrefix(String)})
     * @param settings more command-line settings ({@code --onsale.payments.timeout=1s}); they override the defaults
     */
    public static RunningEdge start(String prefix, String... settings) throws IOException {
        return startOn(RealKafka.bootstrapServers(), prefix, settings);
    }

    /** As {@link #start}, on brokers of the test's own ({@code BrokerCluster}) instead of the shared one. */
    public static RunningEdge startOn(String bootstrapServers, String prefix, String... settings) throws IOException {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--onsale.kafka.bootstrap-servers=" + bootstrapServers,
                "--onsale.kafka.topic-prefix=" + prefix,
                "--onsale.kafka.application-id=" + prefix + "edge",
                "--onsale.kafka.state-dir=" + Files.createTempDirectory("edge-state-"),
                "--onsale.kafka.partitions=4",
                "--onsale.kafka.config-partitions=1",
                "--onsale.kafka.decision-timeout=30s",
                "--logging.level.root=WARN"));
        // A setting given replaces its default: Spring joins two values of one command-line option with a comma.
        for (String setting : settings) {
            String option = setting.contains("=") ? setting.substring(0, setting.indexOf('=') + 1) : setting;
            args.removeIf(arg -> arg.startsWith(option));
        }
        args.addAll(List.of(settings));
        // Command-line arguments: they override application.yaml, where default properties would not.
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(EdgeApplication.class).run(args.toArray(String[]::new));
        RunningEdge edge = new RunningEdge(context, URI.create("http://127.0.0.1:" + port));
        try {
            edge.awaitReady();
        } catch (RuntimeException notReady) {
            edge.close();
            throw notReady;
        }
        return edge;
    }

    public EdgeApi api() {
        return api;
    }

    public URI uri() {
        return uri;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(uri.resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() ->
                        http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @Override
    public void close() {
        try {
            api.close();
        } finally {
            context.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
