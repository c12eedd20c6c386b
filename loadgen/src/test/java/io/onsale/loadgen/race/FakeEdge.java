package io.onsale.loadgen.race;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.onsale.loadgen.auth.IdentityOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few dozen lines of edge on loopback, following the contract the race relies on: PUT answers 202 and the event
 * shows up a few polls later, some orders answer 202 PENDING first, idempotency keys replay the first decision.
 * Knobs let a test make it misbehave.
 */
final class FakeEdge implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADMIN_EVENT = Pattern.compile("/api/admin/events/([^/]+)");
    private static final Pattern EVENT = Pattern.compile("/api/events/([^/]+)");
    private static final Pattern ORDERS = Pattern.compile("/api/events/([^/]+)/orders");
    private static final Pattern SEATS = Pattern.compile("/api/events/([^/]+)/sections/([^/]+)/seats");

    /** Grant every order, the bug the audit exists to catch. */
    volatile boolean oversell;
    /** Answer the first try of every n-th new order with 202 PENDING (0 = never). */
    volatile int pendingEvery = 3;
    /** How many GETs of the event answer 404 after a PUT answered 202. */
    volatile int invisibleFor = 3;
    /** Answer every n-th new order 503 without deciding it (0 = never). */
    volatile int failEvery;
    /** Hold one extra seat without telling anyone. */
    volatile String phantomHold;

    final Map<String, Integer> decisionsByKey = new HashMap<>();
    final List<String> orderKeysInArrivalOrder = new ArrayList<>();
    final AtomicInteger eventGets = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Map<String, ObjectNode> events = new HashMap<>();
    private final Map<String, Map<String, String>> seatStatus = new HashMap<>();
    private final Map<String, String> answerByKey = new HashMap<>();
    private final Map<String, Integer> statusByKey = new HashMap<>();
    private int newOrders;
    private int invisibleLeft;

    FakeEdge() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
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
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String role = role(exchange);
            if (role == null) {
                problem(exchange, 401, "Unauthorized", Map.of());
                return;
            }
            Matcher m;
            if ("PUT".equals(method) && (m = ADMIN_EVENT.matcher(path)).matches()) {
                if (!"ORGANIZER".equals(role)) {
                    problem(exchange, 403, "Forbidden", Map.of());
                    return;
                }
                configure(exchange, m.group(1), body);
            } else if ("POST".equals(method) && (m = ORDERS.matcher(path)).matches()) {
                order(exchange, m.group(1), exchange.getRequestHeaders().getFirst("Idempotency-Key"), body);
            } else if ("GET".equals(method) && (m = SEATS.matcher(path)).matches()) {
                seats(exchange, m.group(1), m.group(2));
            } else if ("GET".equals(method) && (m = EVENT.matcher(path)).matches()) {
                event(exchange, m.group(1));
            } else {
                problem(exchange, 404, "Not Found", Map.of());
            }
        }
    }

    private synchronized void configure(HttpExchange exchange, String eventId, String body) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(body);
        config.put("eventId", eventId);
        events.put(eventId, config);
        // Reconfiguring keeps existing holds, as an edge whose holds live in the reservation engine would.
        Map<String, String> seats = seatStatus.getOrDefault(eventId, new LinkedHashMap<>());
        for (JsonNode seat : config.path("sections").get(0).path("seats")) {
            seats.putIfAbsent(seat.path("seatId").asText(), "AVAILABLE");
        }
        if (phantomHold != null) {
            seats.putIfAbsent(phantomHold, "AVAILABLE");
        }
        seatStatus.put(eventId, seats);
        invisibleLeft = invisibleFor;
        send(exchange, 202, "application/json", "{\"eventId\":\"" + eventId + "\",\"status\":\"ACCEPTED\"}");
    }

    private synchronized void event(HttpExchange exchange, String eventId) throws IOException {
        eventGets.incrementAndGet();
        if (!events.containsKey(eventId) || invisibleLeft-- > 0) {
            problem(exchange, 404, "Not Found", Map.of());
            return;
        }
        send(exchange, 200, "application/json", events.get(eventId).toString());
    }

    private synchronized void seats(HttpExchange exchange, String eventId, String sectionId) throws IOException {
        if (!events.containsKey(eventId) || invisibleLeft > 0) {
            problem(exchange, 404, "Not Found", Map.of());
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("eventId", eventId).put("sectionId", sectionId);
        ArrayNode seats = answer.putArray("seats");
        seatStatus.get(eventId).forEach((seatId, status) -> {
            String[] parts = seatId.split("-");
            seats.addObject().put("seatId", seatId).put("row", parts[1]).put("number", Integer.parseInt(parts[2]))
                    .put("status", status);
        });
        send(exchange, 200, "application/json", answer.toString());
    }

    private synchronized void order(HttpExchange exchange, String eventId, String key, String body) throws IOException {
        if (key == null) {
            problem(exchange, 400, "Idempotency-Key required", Map.of());
            return;
        }
        orderKeysInArrivalOrder.add(key);
        if (answerByKey.containsKey(key)) {
            send(exchange, statusByKey.get(key), contentType(statusByKey.get(key)), answerByKey.get(key));
            return;
        }
        if (!statusByKey.containsKey(key) && pendingEvery > 0 && ++newOrders % pendingEvery == 0) {
            statusByKey.put(key, 202);
            send(exchange, 202, "application/json",
                    "{\"status\":\"PENDING\",\"requestId\":\"" + key + "\",\"retryAfterSeconds\":0}");
            return;
        }
        if (failEvery > 0 && orderKeysInArrivalOrder.size() % failEvery == 0) {
            problem(exchange, 503, "Service Unavailable", Map.of());
            return;
        }
        decisionsByKey.merge(key, 1, Integer::sum);
        String seatId = JSON.readTree(body).path("seats").get(0).asText();
        String buyerId = subject(exchange);
        Map<String, String> seats = seatStatus.get(eventId);
        if (phantomHold != null) {
            seats.put(phantomHold, "HELD");
        }
        int status;
        String answer;
        if (oversell || "AVAILABLE".equals(seats.get(seatId))) {
            seats.put(seatId, "HELD");
            status = 201;
            answer = "{\"orderId\":\"o-" + key + "\",\"status\":\"HELD\",\"eventId\":\"" + eventId + "\",\"buyerId\":\""
                    + buyerId + "\",\"items\":[{\"sectionId\":\"A\",\"seatId\":\"" + seatId
                    + "\",\"priceMinor\":9900}],\"expiresAt\":\"2026-11-27T20:10:00Z\","
                    + "\"total\":{\"amountMinor\":9900,\"currency\":\"EUR\"}}";
        } else {
            status = 409;
            answer = problemJson(409, "Seat taken", Map.of("reason", "SEAT_TAKEN"));
        }
        statusByKey.put(key, status);
        answerByKey.put(key, answer);
        send(exchange, status, contentType(status), answer);
    }

    private static String role(HttpExchange exchange) {
        try {
            SignedJWT jwt = SignedJWT.parse(bearer(exchange));
            if (!jwt.verify(new MACVerifier(IdentityOptions.DEV_SECRET.getBytes(StandardCharsets.UTF_8)))) {
                return null;
            }
            return jwt.getJWTClaimsSet().getStringListClaim("roles").get(0);
        } catch (Exception e) {
            return null;
        }
    }

    private static String subject(HttpExchange exchange) {
        try {
            return SignedJWT.parse(bearer(exchange)).getJWTClaimsSet().getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header == null ? "" : header.replaceFirst("^Bearer ", "");
    }

    private static String contentType(int status) {
        return status >= 400 ? "application/problem+json" : "application/json";
    }

    private static void problem(HttpExchange exchange, int status, String title, Map<String, String> extra)
            throws IOException {
        send(exchange, status, "application/problem+json", problemJson(status, title, extra));
    }

    private static String problemJson(int status, String title, Map<String, String> extra) {
        ObjectNode problem = JSON.createObjectNode().put("type", "about:blank").put("title", title)
                .put("status", status);
        extra.forEach(problem::put);
        if (status == 409) {
            problem.putArray("alternatives");
        }
        return problem.toString();
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
