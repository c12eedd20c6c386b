package io.onsale.edge.payment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A payment provider speaking the README's contract on a random local port, keeping what a real one keeps: each
 * idempotency key's answer (replayed on a repeat), each authorization's state, and every time money really moved.
 * It can be told to decline (a payment method starting with {@code decline}), to fail after doing the work (the
 * answer is lost, the money moved: only the idempotency key keeps a retry from charging again), to be slow, and to
 * fail every other call, alternately unavailable and too slow ({@link #failEveryOtherCall}).
 */
public final class FakePaymentProvider implements AutoCloseable {

    public enum State {
        AUTHORIZED,
        CAPTURED,
        VOIDED
    }

    /** One request as the provider saw it. */
    public record Request(String method, String path, String idempotencyKey) {}

    private record Stored(int status, String body) {}

    /** What a call is made to suffer. */
    private enum Failure {
        NONE,
        UNAVAILABLE,
        LATE
    }

    private static final Pattern SETTLE = Pattern.compile("/authorizations/([^/]+)/(capture|void)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Stored> answers = new ConcurrentHashMap<>();
    private final Map<String, State> authorizations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> moneyMoved = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> paymentOf = new ConcurrentHashMap<>();
    private final AtomicInteger failuresAfterWork = new AtomicInteger();
    private final AtomicInteger cutsAfterWork = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger late = new AtomicInteger();
    private final ScheduledExecutorService lateAnswers = Executors.newSingleThreadScheduledExecutor();
    private volatile Duration everyOtherCallLate;
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

    /**
     * The next {@code times} calls do their work, then send the answer's status and half its body and close the
     * connection: the caller learns the call was answered but not what the answer was.
     */
    public void cutAnswersAfterWork(int times) {
        cutsAfterWork.set(times);
    }

    /**
     * From now on every other call fails, alternately: the 2nd, 6th, 10th… answer 503 before doing anything; the 4th,
     * 8th, 12th… do the work and answer only {@code after} later, longer than the caller waits, so the answer is lost
     * while the money moved (an authorization made, a capture or void done). The others answer at once.
     */
    public void failEveryOtherCall(Duration after) {
        everyOtherCallLate = after;
        calls.set(0);
    }

    /** Calls answered 503 without doing anything, and calls that did the work but answered too late. */
    public int unavailableAnswers() {
        return unavailable.get();
    }

    public int lateAnswers() {
        return late.get();
    }

    /** The idempotency key (the edge's payment id) of the authorize call that made this authorization. */
    public String paymentOf(String authorizationId) {
        return paymentOf.get(authorizationId);
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
        boolean answered = true;
        try {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            requests.add(new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), key));
            byte[] body = exchange.getRequestBody().readAllBytes();
            slow.await();
            Failure failure = nextFailure();
            if (failure == Failure.UNAVAILABLE) {
                unavailable.incrementAndGet();
                send(exchange, new Stored(503, "{\"error\":\"unavailable\"}"));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod()) || key == null || key.isBlank()) {
                send(exchange, new Stored(400, "{\"error\":\"POST with an Idempotency-Key\"}"));
                return;
            }
            Stored answer = answers.computeIfAbsent(
                    key, ignored -> work(exchange.getRequestURI().getPath(), key, body));
            if (failuresAfterWork.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                send(exchange, new Stored(500, "{\"error\":\"lost\"}"));
                return;
            }
            if (cutsAfterWork.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                sendHalf(exchange, answer);
                return;
            }
            if (failure == Failure.LATE) {
                late.incrementAndGet();
                answered = false;
                // Answered on another thread, long after the caller gave up: nobody blocks meanwhile.
                lateAnswers.schedule(
                        () -> {
                            try (exchange) {
                                send(exchange, answer);
                            } catch (IOException callerGone) {
                                // The caller closed the connection at its timeout: the answer is lost, the work is
                                // done.
                            }
                        },
                        everyOtherCallLate.toMillis(),
                        TimeUnit.MILLISECONDS);
                return;
            }
            send(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (answered) {
                exchange.close();
            }
        }
    }

    private Failure nextFailure() {
        if (everyOtherCallLate == null) {
            return Failure.NONE;
        }
        int call = calls.incrementAndGet();
        if (call % 2 == 1) {
            return Failure.NONE;
        }
        return call % 4 == 2 ? Failure.UNAVAILABLE : Failure.LATE;
    }

    private Stored work(String path, String key, byte[] body) {
        if (path.equals("/authorizations")) {
            Map<?, ?> request = json.readValue(body, Map.class);
            if (String.valueOf(request.get("paymentMethod")).startsWith("decline")) {
                return new Stored(402, "{\"declineReason\":\"CARD_DECLINED\"}");
            }
            String id = "auth-" + UUID.randomUUID();
            authorizations.put(id, State.AUTHORIZED);
            paymentOf.put(id, key);
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

    private static void sendHalf(HttpExchange exchange, Stored answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
        exchange.getResponseBody().flush();
        // Closing the exchange short of the announced length drops the connection.
    }

    @Override
    public void close() {
        answerAgain();
        lateAnswers.shutdownNow();
        server.stop(0);
        threads.shutdownNow();
    }
}
