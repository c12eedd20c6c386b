package io.onsale.kafka.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP endpoint of a standalone Streams app, on the port of its {@code application.server}: {@code GET /health}
 * (200 while RUNNING, 503 with the state otherwise: what a cluster script, a container healthcheck or a load balancer
 * asks), plus whatever the app answers about the state it owns and, from {@link StreamsLauncher}, {@code /restoration}
 * and {@code /metrics} (Prometheus' text format: {@link StreamsAppMetrics}). It is internal: reached by the edges and the
 * operator's tools on the cluster's network, never by buyers. The JDK's server is enough: requests are store reads of
 * microseconds, and a standalone app should not carry a web framework.
 */
public final class StreamsHttpEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsHttpEndpoint.class);
    /** Store reads of microseconds: a few threads keep up with many edges. */
    private static final int THREADS = 4;

    /** An answer: status, content type and body. */
    public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
        public static Reply bytes(byte[] body) {
            return new Reply(200, "application/octet-stream", body, Map.of());
        }

        public static Reply text(int status, String text) {
            return new Reply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    /** Answers one path from its query parameters (decoded). */
    @FunctionalInterface
    public interface Route {
        Reply answer(Map<String, String> parameters) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private StreamsHttpEndpoint(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Listens on every interface at the port of {@code applicationServer} (its host is how others reach this process,
     * which need not be an address of this machine's: a container's service name, say).
     */
    public static StreamsHttpEndpoint start(String applicationServer, KafkaStreams streams, Map<String, Route> routes)
            throws IOException {
        HostInfo address = HostInfo.buildFromEndpoint(applicationServer);
        HttpServer server = HttpServer.create(new InetSocketAddress(address.port()), 256);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "query-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(
                "/health",
                handler(parameters -> streams.state() == KafkaStreams.State.RUNNING
                        ? Reply.text(200, "RUNNING")
                        : Reply.text(503, streams.state().name())));
        routes.forEach((path, route) -> server.createContext(path, handler(route)));
        server.start();
        log.info("query endpoint listening on port {} (application.server {})", address.port(), applicationServer);
        return new StreamsHttpEndpoint(server, threads);
    }

    private static HttpHandler handler(Route route) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    send(exchange, Reply.text(405, "only GET"));
                    return;
                }
                Reply reply;
                try {
                    reply = route.answer(parameters(exchange.getRequestURI().getRawQuery()));
                } catch (IllegalArgumentException e) {
                    reply = Reply.text(400, e.getMessage());
                } catch (Exception e) {
                    log.warn("query {} failed", exchange.getRequestURI(), e);
                    reply = Reply.text(500, e.getClass().getSimpleName());
                }
                send(exchange, reply);
            }
        };
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(reply.body());
            }
        }
    }

    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    /** A required query parameter; missing or blank is a 400 naming it. */
    public static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required");
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
