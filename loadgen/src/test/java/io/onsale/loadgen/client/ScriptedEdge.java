package io.onsale.loadgen.client;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one fake of the edge's HTTP API for the tests of its client and of everything that drives the edge through it
 * (the simulator, the race). A loopback stand-in that answers in the edge's shapes (as recorded in {@code EdgeApiTest})
 * with just enough bookkeeping for the simulator's flow and audit and the race's audit to be exercised: HS256 tokens
 * checked as the edge checks them (401 for a wrong secret, 403 for a buyer configuring), first come first served per
 * seat, best-available and floor capacity, idempotency keys, alternatives, cancel, the sale's opening, a waiting room,
 * payments. It is not the engine: whether the real edge keeps these promises is what the simulator and the race check
 * against it. Knobs make it break a promise.
 *
 * <p>A test of the client itself scripts answers instead ({@link #on}): a scripted {@code METHOD path} is answered
 * from its script, in order (the last answer repeats), before any bookkeeping; {@link #sent} records every request.
 */
public final class ScriptedEdge implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADMIN_EVENT = Pattern.compile("/api/admin/events/([^/]+)");
    private static final Pattern EVENT = Pattern.compile("/api/events/([^/]+)");
    private static final Pattern SEATS = Pattern.compile("/api/events/([^/]+)/sections/([^/]+)/seats");
    private static final Pattern ORDERS = Pattern.compile("/api/events/([^/]+)/orders");
    private static final Pattern ORDER = Pattern.compile("/api/orders/([^/]+)");
    private static final Pattern PAYMENT = Pattern.compile("/api/orders/([^/]+)/payment");
    private static final Pattern QUEUE = Pattern.compile("/api/events/([^/]+)/queue");
    private static final Pattern QUEUE_STATUS = Pattern.compile("/api/events/([^/]+)/queue/([^/]+)");

    /** A scripted answer; {@code delay} holds it back, to make the client time out. */
    public record Reply(int status, String contentType, Map<String, String> headers, String body, Duration delay) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", Map.of(), body, Duration.ZERO);
        }

        public static Reply problem(int status, String body) {
            return new Reply(status, "application/problem+json", Map.of(), body, Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, more, body, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, contentType, headers, body, wait);
        }
    }

    /** What the client sent. */
    public record Sent(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Every request, in arrival order. */
    public final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** Grant named seats even when taken: the oversell the audit exists to catch. */
    public volatile boolean oversell;
    /** Hold a seat nobody is told about (listed in the first section's seat map if the config does not have it). */
    public volatile String phantomSeat;
    /** Answer the first try of every n-th new order 202 (0: never); its retries with the same key are decided. */
    public volatile int pendingEvery;
    /** Answer every n-th order request 503 without deciding it (0: never). */
    public volatile int failEvery;
    /**
     * Accept a configuration with 202 instead of 200 READY, then answer this many reads of the event (and its seat
     * maps meanwhile) 404, as an edge whose read side lags (0: READY at once).
     */
    public volatile int invisibleFor;

    public final AtomicInteger orderPosts = new AtomicInteger();
    public final AtomicInteger eventGets = new AtomicInteger();
    /** Decisions taken per idempotency key: more than one means a retry was decided again. */
    public final Map<String, Integer> decisionsByKey = new ConcurrentHashMap<>();
    /** The idempotency key of every order request, retries included, in arrival order. */
    public final List<String> orderKeysInArrivalOrder = new CopyOnWriteArrayList<>();
    /** Tell position 1 it was admitted long after everybody else: admissions out of position order. */
    public volatile boolean admitFirstLast;
    /** Confirm a payment but leave its seats HELD. */
    public volatile boolean confirmWithoutSelling;
    /**
     * The waiting room says SOLD_OUT once fewer tickets than this are left (1: none left). Odd seats left over in rows
     * and on the floor may never be taken by buyers who want pairs, so a test of the SOLD_OUT exit counts them as gone.
     */
    public volatile int soldOutBelow = 1;

    public final AtomicInteger statusPolls = new AtomicInteger();
    public final AtomicInteger queueLeaves = new AtomicInteger();
    public final AtomicInteger payments = new AtomicInteger();

    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private JsonNode config;
    private Instant saleOpensAt;
    private final Map<String, String> seatStatus = new LinkedHashMap<>();
    private final Map<String, String> sectionOfSeat = new HashMap<>();
    private final Map<String, Integer> zoneCapacity = new HashMap<>();
    private final Map<String, Integer> zoneHeld = new HashMap<>();
    private final Map<String, Integer> zoneSold = new HashMap<>();
    // The waiting room: places in join order (pre-sale ones keep their number as position), served at the admit rate.
    private final Map<String, Long> positionOf = new HashMap<>();
    private final Map<Long, Instant> admittedAt = new HashMap<>();
    private long lastPosition;
    private long serving;
    private double admitCredit;
    private Instant lastServed;
    private final Map<String, ObjectNode> orders = new HashMap<>();
    private final Map<String, String> ownerOfOrder = new HashMap<>();
    private final Map<String, Canned> answerByKey = new HashMap<>();
    private int newOrders;
    private int invisibleLeft;

    /** A decided answer: the status and its JSON body. */
    private record Canned(int status, String body) {}

    public ScriptedEdge() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 500);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code methodAndPath} (e.g. {@code "GET /api/events/e1"}) with these replies in turn, the last one again. */
    public ScriptedEdge on(String methodAndPath, Reply... replies) {
        script.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /** Forgets the script and the requests sent. */
    public void reset() {
        script.clear();
        sent.clear();
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
            sent.add(new Sent(method, path, Map.copyOf(exchange.getRequestHeaders()), body));
            Reply scripted = scripted(method + " " + path);
            if (scripted != null) {
                reply(exchange, scripted);
                return;
            }
            String role = role(exchange);
            if (role == null) {
                send(exchange, problem(401, "unauthorized", null, List.of()));
                return;
            }
            String buyer = subject(exchange);
            Canned answer;
            Matcher m;
            synchronized (this) {
                if ("PUT".equals(method) && (m = ADMIN_EVENT.matcher(path)).matches()) {
                    answer = "ORGANIZER".equals(role)
                            ? configure(m.group(1), body)
                            : problem(403, "forbidden", null, List.of());
                } else if ("GET".equals(method) && (m = SEATS.matcher(path)).matches()) {
                    answer = config == null || invisibleLeft > 0
                            ? problem(404, "unknown-event", null, List.of())
                            : seats(m.group(2));
                } else if ("GET".equals(method) && EVENT.matcher(path).matches()) {
                    eventGets.incrementAndGet();
                    answer = invisibleLeft-- > 0 ? problem(404, "unknown-event", null, List.of()) : event();
                } else if ("POST".equals(method) && (m = ORDERS.matcher(path)).matches()) {
                    String admission = exchange.getRequestHeaders().getFirst("Admission-Token");
                    answer = !positionOf.isEmpty() && !("adm-" + buyer).equals(admission)
                            ? problem(401, "admission-required", null, List.of())
                            : place(
                                    m.group(1),
                                    buyer,
                                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                                    body);
                } else if ("POST".equals(method) && (m = QUEUE.matcher(path)).matches()) {
                    answer = join(buyer);
                } else if ("GET".equals(method) && (m = QUEUE_STATUS.matcher(path)).matches()) {
                    statusPolls.incrementAndGet();
                    answer = queueStatus(buyer, m.group(2));
                } else if ("DELETE".equals(method) && (m = QUEUE_STATUS.matcher(path)).matches()) {
                    queueLeaves.incrementAndGet();
                    answer = leaveQueue(buyer, m.group(2));
                } else if ("POST".equals(method) && (m = PAYMENT.matcher(path)).matches()) {
                    payments.incrementAndGet();
                    answer = pay(m.group(1), buyer, body);
                } else if ("GET".equals(method) && (m = ORDER.matcher(path)).matches()) {
                    answer = read(m.group(1), buyer);
                } else if ("DELETE".equals(method) && (m = ORDER.matcher(path)).matches()) {
                    answer = cancel(m.group(1), buyer);
                } else {
                    answer = problem(404, "not-found", null, List.of());
                }
            }
            send(exchange, answer);
        }
    }

    private Reply scripted(String methodAndPath) {
        Deque<Reply> replies = script.get(methodAndPath);
        if (replies == null) {
            return null;
        }
        synchronized (replies) {
            return replies.isEmpty() ? null : replies.size() == 1 ? replies.peek() : replies.poll();
        }
    }

    private static void send(HttpExchange exchange, Canned answer) throws IOException {
        Reply reply = new Reply(
                answer.status(),
                answer.status() >= 400 ? "application/problem+json" : "application/json",
                Map.of(),
                answer.body(),
                Duration.ZERO);
        reply(exchange, answer.status() == 202 ? reply.withHeader("Retry-After", "0") : reply);
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
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

    private Canned configure(String eventId, String body) throws IOException {
        config = JSON.readTree(body);
        saleOpensAt = Instant.parse(config.path("saleOpensAt").asText());
        // Reconfiguring keeps existing holds, as an edge whose holds live in the reservation engine would.
        for (JsonNode section : config.path("sections")) {
            for (JsonNode seat : section.path("seats")) {
                seatStatus.putIfAbsent(seat.path("seatId").asText(), "AVAILABLE");
                sectionOfSeat.put(
                        seat.path("seatId").asText(), section.path("sectionId").asText());
            }
            for (JsonNode zone : section.path("zones")) {
                zoneCapacity.put(
                        section.path("sectionId").asText(),
                        zone.path("capacity").asInt());
            }
        }
        if (phantomSeat != null && !seatStatus.containsKey(phantomSeat)) {
            seatStatus.put(phantomSeat, "AVAILABLE");
            sectionOfSeat.put(
                    phantomSeat,
                    config.path("sections").path(0).path("sectionId").asText());
        }
        invisibleLeft = invisibleFor;
        return invisibleFor > 0
                ? new Canned(202, "{\"eventId\":\"" + eventId + "\",\"status\":\"ACCEPTED\"}")
                : new Canned(200, "{\"eventId\":\"" + eventId + "\",\"status\":\"READY\"}");
    }

    private Canned event() {
        if (config == null) {
            return problem(404, "unknown-event", null, List.of());
        }
        ObjectNode event = config.deepCopy();
        for (JsonNode section : event.path("sections")) {
            String id = section.path("sectionId").asText();
            if (zoneCapacity.containsKey(id)) {
                int held = zoneHeld.getOrDefault(id, 0);
                int sold = zoneSold.getOrDefault(id, 0);
                ((ObjectNode) section)
                        .putObject("availability")
                        .put("capacity", zoneCapacity.get(id))
                        .put("available", zoneCapacity.get(id) - held - sold)
                        .put("held", held)
                        .put("sold", sold)
                        .put("updatedAt", Instant.now().toString());
            }
        }
        return new Canned(200, event.toString());
    }

    private Canned seats(String sectionId) {
        ObjectNode map = JSON.createObjectNode().put("sectionId", sectionId);
        ArrayNode seats = map.putArray("seats");
        seatStatus.forEach((seat, status) -> {
            if (sectionId.equals(sectionOfSeat.get(seat))) {
                String[] parts = seat.split("-");
                seats.addObject()
                        .put("seatId", seat)
                        .put("row", parts[1])
                        .put("number", Integer.parseInt(parts[2]))
                        .put("status", status);
            }
        });
        return new Canned(200, map.toString());
    }

    private Canned place(String eventId, String buyer, String key, String body) throws IOException {
        orderPosts.incrementAndGet();
        if (key == null) {
            return problem(400, "idempotency-key-required", null, List.of());
        }
        orderKeysInArrivalOrder.add(key);
        String scopedKey = buyer + "|" + key;
        if (answerByKey.containsKey(scopedKey)) {
            return answerByKey.get(scopedKey);
        }
        String orderId = eventId + ":" + UUID.nameUUIDFromBytes(scopedKey.getBytes(StandardCharsets.UTF_8));
        boolean seenBefore = answerByKey.containsKey("pending|" + scopedKey);
        if (!seenBefore && pendingEvery > 0 && ++newOrders % pendingEvery == 0) {
            answerByKey.put("pending|" + scopedKey, null);
            return new Canned(202, "{\"status\":\"PENDING\",\"orderId\":\"" + orderId + "\",\"retryAfterSeconds\":0}");
        }
        if (failEvery > 0 && orderKeysInArrivalOrder.size() % failEvery == 0) {
            return problem(503, "unavailable", null, List.of());
        }
        decisionsByKey.merge(key, 1, Integer::sum);
        Canned answer = decide(orderId, buyer, JSON.readTree(body));
        answerByKey.put(scopedKey, answer);
        return answer;
    }

    private Canned decide(String orderId, String buyer, JsonNode request) {
        if (Instant.now().isBefore(saleOpensAt)) {
            return problem(409, "not-on-sale", "NOT_ON_SALE", List.of());
        }
        if (phantomSeat != null) {
            seatStatus.put(phantomSeat, "HELD");
        }
        List<String[]> items = new ArrayList<>();
        if (request.has("seats")) {
            List<String> wanted = new ArrayList<>();
            request.path("seats").forEach(seat -> wanted.add(seat.asText()));
            boolean free = wanted.stream().allMatch(seat -> "AVAILABLE".equals(seatStatus.get(seat)));
            if (!free && !oversell) {
                String section = sectionOfSeat.get(wanted.get(0));
                List<String> others = available(section, wanted.size());
                return problem(
                        409,
                        "seat-taken",
                        "SEAT_TAKEN",
                        others.isEmpty() ? List.of() : List.of(alternative(section, others, wanted.size())));
            }
            wanted.forEach(seat -> items.add(new String[] {sectionOfSeat.get(seat), seat, null, "1"}));
        } else {
            String section = request.path("sectionId").asText();
            int quantity = request.path("quantity").asInt();
            if (zoneCapacity.containsKey(section)) {
                int left = zoneCapacity.get(section)
                        - zoneHeld.getOrDefault(section, 0)
                        - zoneSold.getOrDefault(section, 0);
                if (left < quantity) {
                    return problem(
                            409,
                            left == 0 ? "sold-out" : "insufficient-capacity",
                            left == 0 ? "SOLD_OUT" : "INSUFFICIENT_CAPACITY",
                            List.of());
                }
                items.add(new String[] {section, null, section + "-1", String.valueOf(quantity)});
            } else {
                List<String> picked = available(section, quantity);
                if (picked.size() < quantity) {
                    return problem(409, "sold-out", "SOLD_OUT", List.of());
                }
                picked.forEach(seat -> items.add(new String[] {section, seat, null, "1"}));
            }
        }
        ObjectNode order = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("status", "HELD")
                .put("eventId", "e")
                .put("buyerId", buyer);
        ArrayNode itemArray = order.putArray("items");
        for (String[] item : items) {
            ObjectNode node = itemArray
                    .addObject()
                    .put("sectionId", item[0])
                    .put("quantity", Integer.parseInt(item[3]))
                    .put("priceMinor", 100);
            if (item[1] != null) {
                node.put("seatId", item[1]);
                seatStatus.put(item[1], "HELD");
            } else {
                node.put("zoneId", item[2]);
                zoneHeld.merge(item[0], Integer.parseInt(item[3]), Integer::sum);
            }
        }
        order.put("expiresAt", Instant.now().plusSeconds(600).toString());
        order.putObject("total").put("amountMinor", 100L * items.size()).put("currency", "EUR");
        orders.put(orderId, order);
        ownerOfOrder.put(orderId, buyer);
        return new Canned(201, order.toString());
    }

    private Canned read(String orderId, String buyer) {
        if (!buyer.equals(ownerOfOrder.get(orderId))) {
            return problem(404, "unknown-order", null, List.of());
        }
        return new Canned(200, orders.get(orderId).toString());
    }

    private Canned cancel(String orderId, String buyer) {
        if (!buyer.equals(ownerOfOrder.get(orderId))) {
            return problem(404, "unknown-order", null, List.of());
        }
        ObjectNode order = orders.get(orderId);
        if ("HELD".equals(order.path("status").asText())) {
            for (JsonNode item : order.path("items")) {
                if (item.has("seatId")) {
                    seatStatus.put(item.path("seatId").asText(), "AVAILABLE");
                } else {
                    zoneHeld.merge(
                            item.path("sectionId").asText(),
                            -item.path("quantity").asInt(),
                            Integer::sum);
                }
            }
        }
        order.put("status", "CANCELLED");
        return new Canned(200, order.toString());
    }

    private Canned join(String buyer) {
        serve();
        boolean again = positionOf.containsKey(buyer);
        if (!again) {
            positionOf.put(buyer, ++lastPosition);
            int threshold =
                    config.path("queuePolicy").path("activationThreshold").asInt(Integer.MAX_VALUE);
            if (!Instant.now().isBefore(saleOpensAt) && serving == lastPosition - 1 && admittedAt.size() < threshold) {
                // Nobody waits and few shop (admitted buyers never leave here): straight through.
                serving = lastPosition;
                admittedAt.put(lastPosition, Instant.now());
            }
        }
        return new Canned(
                again ? 200 : 201, status(buyer).put("ticket", "t-" + buyer).toString());
    }

    /** Admitted buyers never leave here (the slot is not modelled): a leave is only checked and acknowledged. */
    private Canned leaveQueue(String buyer, String ticket) {
        if (!ticket.equals("t-" + buyer) || !positionOf.containsKey(buyer)) {
            return problem(403, "queue-ticket-of-another-buyer", null, List.of());
        }
        return new Canned(
                200,
                JSON.createObjectNode()
                        .put("eventId", "e")
                        .put("state", "LEFT")
                        .put("position", positionOf.get(buyer))
                        .toString());
    }

    private Canned queueStatus(String buyer, String ticket) {
        if (!ticket.startsWith("t-") || !positionOf.containsKey(ticket.substring(2))) {
            return problem(401, "invalid-queue-ticket", null, List.of());
        }
        if (!ticket.equals("t-" + buyer)) {
            return problem(403, "queue-ticket-of-another-buyer", null, List.of());
        }
        serve();
        return new Canned(200, status(buyer).toString());
    }

    private ObjectNode status(String buyer) {
        long position = positionOf.get(buyer);
        ObjectNode status = JSON.createObjectNode().put("eventId", "e").put("servingCounter", serving);
        if (Instant.now().isBefore(saleOpensAt)) {
            return status.put("state", "PRE_SALE")
                    .put("presaleNumber", position)
                    .put("pollAfterSeconds", 0);
        }
        status.put("position", position);
        if (position <= serving) {
            Instant at = admitFirstLast && position == 1 ? Instant.now().plusSeconds(3_600) : admittedAt.get(position);
            return status.put("state", "ADMITTED")
                    .put("admittedAt", at.toString())
                    .put("windowEndsAt", at.plusSeconds(120).toString())
                    .put("admissionToken", "adm-" + buyer);
        }
        if (soldOut()) {
            return status.put("state", "SOLD_OUT");
        }
        return status.put("state", "WAITING")
                .put("buyersAhead", position - serving - 1)
                .put("pollAfterSeconds", 0);
    }

    /** Positions served since the last call, at the configured admit rate: one batch per call. */
    private void serve() {
        Instant now = Instant.now();
        if (now.isBefore(saleOpensAt) || soldOut()) {
            lastServed = now;
            return;
        }
        int rate = config.path("queuePolicy").path("maxAdmitRatePerSecond").asInt(1_000);
        Instant from = lastServed == null || lastServed.isBefore(saleOpensAt) ? saleOpensAt : lastServed;
        admitCredit = Math.min(rate, admitCredit + rate * (now.toEpochMilli() - from.toEpochMilli()) / 1000.0);
        long batch = Math.min((long) admitCredit, lastPosition - serving);
        for (long p = serving + 1; p <= serving + batch; p++) {
            admittedAt.put(p, now);
        }
        serving += batch;
        admitCredit -= batch;
        lastServed = now;
    }

    private boolean soldOut() {
        long seatsLeft =
                seatStatus.values().stream().filter("AVAILABLE"::equals).count();
        long floorLeft = zoneCapacity.entrySet().stream()
                .mapToLong(zone -> zone.getValue()
                        - zoneHeld.getOrDefault(zone.getKey(), 0)
                        - zoneSold.getOrDefault(zone.getKey(), 0))
                .sum();
        return seatsLeft + floorLeft < soldOutBelow;
    }

    private Canned pay(String orderId, String buyer, String body) throws IOException {
        if (!buyer.equals(ownerOfOrder.get(orderId))) {
            return problem(404, "unknown-order", null, List.of());
        }
        ObjectNode order = orders.get(orderId);
        String status = order.path("status").asText();
        if ("CONFIRMED".equals(status)) {
            return new Canned(200, order.toString());
        }
        if (!"HELD".equals(status)) {
            return problem(409, "cannot-be-paid", "CANCELLED".equals(status) ? "CANCELLED" : "HOLD_EXPIRED", List.of());
        }
        if (JSON.readTree(body).path("paymentMethod").asText().startsWith("decline")) {
            return problem(402, "payment-declined", "PAYMENT_DECLINED", List.of());
        }
        for (JsonNode item : order.path("items")) {
            if (item.has("seatId")) {
                if (!confirmWithoutSelling) {
                    seatStatus.put(item.path("seatId").asText(), "SOLD");
                }
            } else {
                zoneHeld.merge(
                        item.path("sectionId").asText(), -item.path("quantity").asInt(), Integer::sum);
                zoneSold.merge(
                        item.path("sectionId").asText(), item.path("quantity").asInt(), Integer::sum);
            }
        }
        order.put("status", "CONFIRMED");
        return new Canned(200, order.toString());
    }

    private List<String> available(String section, int quantity) {
        List<String> free = new ArrayList<>();
        for (Map.Entry<String, String> seat : seatStatus.entrySet()) {
            if (free.size() < quantity
                    && "AVAILABLE".equals(seat.getValue())
                    && section.equals(sectionOfSeat.get(seat.getKey()))) {
                free.add(seat.getKey());
            }
        }
        return free.size() == quantity ? free : List.of();
    }

    private static ObjectNode alternative(String section, List<String> seats, int quantity) {
        ObjectNode alternative =
                JSON.createObjectNode().put("sectionId", section).put("quantity", quantity);
        seats.forEach(alternative.putArray("seatIds")::add);
        alternative.putObject("price").put("amountMinor", 100L * quantity).put("currency", "EUR");
        return alternative;
    }

    private static Canned problem(int status, String kind, String reason, List<ObjectNode> alternatives) {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "urn:onsale:problem:" + kind)
                .put("status", status)
                .put("detail", kind);
        if (reason != null) {
            problem.put("reason", reason);
            alternatives.forEach(problem.putArray("alternatives")::add);
        }
        return new Canned(status, problem.toString());
    }

    /** The token's role if it is signed with the development secret, else null (the edge answers 401). */
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

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header == null ? "" : header.replaceFirst("^Bearer ", "");
    }

    private static String subject(HttpExchange exchange) {
        try {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            return SignedJWT.parse(header.replaceFirst("^Bearer ", ""))
                    .getJWTClaimsSet()
                    .getSubject();
        } catch (Exception e) {
            return "anonymous";
        }
    }
}
