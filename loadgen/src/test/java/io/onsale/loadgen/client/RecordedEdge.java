package io.onsale.loadgen.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replays answers recorded from the edge, in order, per {@code METHOD path}, and records what the client sent. It
 * decides nothing: a test says what the edge answers and checks how the client reads it.
 */
final class RecordedEdge implements AutoCloseable {

    /** A recorded answer; {@code delay} holds it back, to make the client time out. */
    record Reply(int status, String contentType, Map<String, String> headers, String body, Duration delay) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", Map.of(), body, Duration.ZERO);
        }

        static Reply problem(int status, String body) {
            return new Reply(status, "application/problem+json", Map.of(), body, Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, more, body, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, contentType, headers, body, wait);
        }
    }

    /** What the client sent. */
    record Sent(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    RecordedEdge() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    RecordedEdge on(String methodAndPath, Reply... answers) {
        replies.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    void reset() {
        replies.clear();
        sent.clear();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            sent.add(new Sent(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Deque<Reply> queue = replies.get(key);
            Reply reply;
            synchronized (this) {
                reply = queue == null || queue.isEmpty() ? null : queue.size() == 1 ? queue.peek() : queue.poll();
            }
            if (reply == null) {
                reply = Reply.problem(404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
