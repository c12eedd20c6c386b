package io.onsale.edge.payment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment provider speaking the README's contract on a random local port, keeping what a real one keeps: each
 * idempotency key's answer (replayed on a repeat), each authorization's state, and every time money really moved.
 * It can be told to decline (a payment method starting with {@code decline}), to fail after doing the work (the
 * answer is lost, the money moved: only the idempotency key keeps a retry from charging again), and to be slow.
 */
public final class FakePaymentProvider implements AutoCloseable {

    public enum State { AUTHORIZED, CAPTURED, VOIDED }

    /** One request as the provider saw it. */
    public record Request(String method, String path, String idempotencyKey) {
    }

    private record Stored(int status, String body) {
    }

    private static final Pattern SETTLE = Pattern.compile("/authorizations/([^/]+)/(capture|void)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Stored> answers = new ConcurrentHashMap<>();
    private final Map<String, State> authorizations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> moneyMoved = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresAfterWork = new AtomicInteger();
    private volatile CountDownLatch slow = new CountDownLatch(0);

    public FakePaymentProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/authorizations", this::handle);
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} calls do their work, then answer 500 as if the answer were lost on the way. */
    public void failAfterWork(int times) {
        failuresAfterWork.set(times);
    }

    /** Every call waits until {@link #answerAgain()}: slower than any timeout a test configures. */
    public void beSlow() {
        slow = new CountDownLatch(1);
    }

    public void answerAgain() {
        slow.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public State state(String authorizationId) {
        return authorizations.get(authorizationId);
    }

    /** How many times money was really captured for this authorization (0 or 1 if idempotency holds). */
    public int captures(String authorizationId) {
        AtomicInteger count = moneyMoved.get(authorizationId);
        return count == null ? 0 : count.get();
    }

    /** Every authorization the provider holds, with its state. */
    public Map<String, State> authorizations() {
        return Map.copyOf(authorizations);
    }

    /** An authorization made by someone else (an edge that is gone), as the provider holds it. */
    public String authorizeDirectly() {
        String id = "auth-" + UUID.randomUUID();
        authorizations.put(id, State.AUTHORIZED);
        return id;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), key));
            byte[] body = exchange.getRequestBody().readAllBytes();
            slow.await();
            if (!"POST".equals(exchange.getRequestMethod()) || key == null || key.isBlank()) {
                send(exchange, new Stored(400, "{\"error\":\"POST with an Idempotency-Key\"}"));
                return;
            }
            Stored answer = answers.computeIfAbsent(key, ignored -> work(exchange.getRequestURI().getPath(), body));
            if (failuresAfterWork.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                send(exchange, new Stored(500, "{\"error\":\"lost\"}"));
                return;
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Stored work(String path, byte[] body) {
        if (path.equals("/authorizations")) {
            Map<?, ?> request = json.readValue(body, Map.class);
            if (String.valueOf(request.get("paymentMethod")).startsWith("decline")) {
                return new Stored(402, "{\"declineReason\":\"CARD_DECLINED\"}");
            }
            String id = "auth-" + UUID.randomUUID();
            authorizations.put(id, State.AUTHORIZED);
            return new Stored(201, "{\"authorizationId\":\"" + id + "\",\"status\":\"AUTHORIZED\"}");
        }
        Matcher settle = SETTLE.matcher(path);
        if (!settle.matches()) {
            return new Stored(404, "{\"error\":\"no such path\"}");
        }
        String id = settle.group(1);
        State to = settle.group(2).equals("capture") ? State.CAPTURED : State.VOIDED;
        State from = authorizations.get(id);
        if (from == null) {
            return new Stored(404, "{\"error\":\"unknown authorization\"}");
        }
        if (from != State.AUTHORIZED && from != to) {
            return new Stored(409, "{\"error\":\"already " + from + "\"}");
        }
        authorizations.put(id, to);
        if (to == State.CAPTURED) {
            // Like a provider with partial captures: a capture under a new key charges again. Only the key protects.
            moneyMoved.computeIfAbsent(id, ignored -> new AtomicInteger()).incrementAndGet();
        }
        return new Stored(200, "{\"authorizationId\":\"" + id + "\",\"status\":\"" + to + "\"}");
    }

    private static void send(HttpExchange exchange, Stored answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        answerAgain();
        server.stop(0);
        threads.shutdownNow();
    }
}
