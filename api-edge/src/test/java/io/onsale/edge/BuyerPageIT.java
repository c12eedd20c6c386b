package io.onsale.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.HeadlessChromium;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.testing.RealKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The buyer page (static/buy.html) in headless Chromium against the whole edge on a real broker: a buyer queues,
 * watches the position, is admitted, picks a seat on the map, is declined once, pays and sees CONFIRMED; another
 * loses a seat to a buyer who ordered through HTTP meanwhile, is offered an alternative and takes it with one click.
 * Each step is checked twice: in what the page shows, and in the engine's state read through the API.
 * Chromium and ChromeDriver are Debian's, installed by dev/browser/ensure-chromium when missing (never skipped).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after this class, while the shared broker still runs: left to the JVM's exit, the edge's close races the
// broker's own shutdown hook and waits for a broker that is gone (the fork is killed after 30 s). No other test
// shares this context (own topic prefix), so nothing is lost by not caching it.
@DirtiesContext
class BuyerPageIT {

    private static final String PREFIX = RealKafka.uniquePrefix("buyer-page");
    /** A step on a loaded 2-core machine (broker, two topologies and Chromium in one box) can take seconds. */
    private static final Duration STEP = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        registry.add("onsale.kafka.bootstrap-servers", RealKafka::bootstrapServers);
        registry.add("onsale.kafka.topic-prefix", () -> PREFIX);
        registry.add("onsale.kafka.application-id", () -> PREFIX + "edge");
        registry.add("onsale.kafka.state-dir", Files.createTempDirectory("buyer-page-state")::toString);
        registry.add("onsale.kafka.partitions", () -> 4);
        registry.add("onsale.kafka.config-partitions", () -> 1);
        registry.add("onsale.kafka.decision-timeout", () -> "30s");
        registry.add("onsale.queue.heartbeat", () -> "1s");
    }

    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @LocalServerPort
    int port;

    private WebClient client;

    record Answer(int status, Map<String, Object> body) {}

    @BeforeAll
    static void startChromium() throws Exception {
        chromium = HeadlessChromium.start("buyer-page", 1280, 1000);
        browser = chromium.browser();
    }

    @AfterAll
    static void quitChromium() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void waitUntilReady() {
        client = WebClient.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> client.get()
                        .uri("/actuator/health/readiness")
                        .exchangeToMono(
                                response -> Mono.just(response.statusCode().is2xxSuccessful()))
                        .block());
    }

    @Test
    void aQueuedBuyerSeesThePositionIsAdmittedPicksASeatIsDeclinedOnceThenPaysAndTheSeatIsSold() {
        Map<String, Object> config = DemoEvents.onSaleWithSeats(6);
        // One slot under the threshold: the first buyer passes straight through, everybody after queues.
        config.put(
                "queuePolicy",
                Map.of(
                        "activationThreshold",
                        1,
                        "maxAdmitRatePerSecond",
                        20,
                        "targetActiveShoppers",
                        100,
                        "purchaseWindowMinutes",
                        10));
        String event = configure(config);
        assertThat(join(event, "early").status()).isIn(200, 201);
        // Paused, the room keeps the page's buyer waiting long enough to be seen waiting.
        assertThat(changeQueue(event, Map.of("paused", true)).status()).isEqualTo(200);

        open(event, "alice");
        waitFor(ExpectedConditions.textToBe(By.id("event-name"), "Night at the Arena"));
        assertThat(browser.getCurrentUrl())
                .as("the token leaves the address bar")
                .doesNotContain("token=");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-summary"), "Waiting room active"));
        click("start");

        waitFor(ExpectedConditions.textToBe(By.id("queue-state"), "WAITING"));
        waitFor(ExpectedConditions.textToBe(By.id("queue-channel"), "Live updates."));
        assertThat(text("queue-position"))
                .as("after the buyer who passed through")
                .isEqualTo("2");
        waitFor(ExpectedConditions.textToBe(By.id("queue-eta"), "paused by the organizer"));

        assertThat(changeQueue(event, Map.of("paused", false)).status()).isEqualTo(200);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("shop-view")));
        assertThat(browser.findElement(By.id("admission")).isDisplayed()).isTrue();
        assertThat(text("window-countdown")).matches("\\d+:\\d\\d");

        click("seat-A-1-1");
        assertThat(browser.findElement(By.id("seat-A-1-1")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        click("order-seats");
        waitFor(ExpectedConditions.textToBe(By.id("order-status"), "HELD"));
        assertThat(text("order-items")).contains("seat A-1-1");
        assertThat(text("hold-countdown")).matches("\\d+:\\d\\d");
        String orderId = text("order-id");
        assertThat(order("alice", orderId).body()).containsEntry("status", "HELD");
        awaitSeats(event, seats -> assertThat(seats).containsEntry("A-1-1", "HELD"));

        pay("decline-card");
        waitFor(ExpectedConditions.textToBe(By.id("problem-title"), "Payment declined"));
        assertThat(browser.findElement(By.id("order-view")).isDisplayed())
                .as("the hold stays: pay again")
                .isTrue();
        assertThat(order("alice", orderId).body()).containsEntry("status", "HELD");

        pay("card-sandbox");
        waitFor(ExpectedConditions.textToBe(By.id("confirmed-status"), "CONFIRMED"));
        assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
        assertThat(text("confirmed-id")).isEqualTo(orderId);
        assertThat(text("confirmed-items")).contains("seat A-1-1");
        assertThat(order("alice", orderId).body()).containsEntry("status", "CONFIRMED");
        awaitSeats(event, seats -> assertThat(seats).containsEntry("A-1-1", "SOLD"));
    }

    @Test
    void aSeatTakenWhileTheBuyerChoseItIsAnsweredWithAnAlternativeThatOneClickHolds() {
        // The demo policy's threshold is far away: the room lets buyers straight through with an admission token.
        String event = configure(DemoEvents.onSaleWithSeats(6));
        // Alternatives come from the section's view of its seats: let it learn them before the race.
        awaitSeats(event, seats -> assertThat(seats).hasSize(6));

        open(event, "carol");
        waitFor(ExpectedConditions.textToBe(By.id("event-name"), "Night at the Arena"));
        click("start");
        click("seat-A-1-3");

        // Another buyer, through HTTP, takes the seat while it sits in the page's selection.
        Answer dave = join(event, "dave");
        Answer taken = placeSeats(event, "dave", (String) dave.body().get("admissionToken"), List.of("A-1-3"));
        assertThat(taken.status()).as("body %s", taken.body()).isIn(201, 202);
        String davesOrder = (String) taken.body().get("orderId");
        await().atMost(STEP)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "HELD".equals(order("dave", davesOrder).body().get("status")));

        click("order-seats");
        waitFor(ExpectedConditions.textToBe(By.id("conflict-reason"), "SEAT_TAKEN"));
        waitFor(ExpectedConditions.attributeToBe(By.id("seat-A-1-3"), "data-status", "HELD"));
        String offered = text("alternatives");
        assertThat(offered).contains("seats A-").doesNotContain("A-1-3");

        click("take-alternative-0");
        waitFor(ExpectedConditions.textToBe(By.id("order-status"), "HELD"));
        String orderId = text("order-id");
        Map<String, Object> held = order("carol", orderId).body();
        assertThat(held).containsEntry("status", "HELD");
        List<String> seats = items(held);
        assertThat(seats)
                .isNotEmpty()
                .doesNotContain("A-1-3")
                .allSatisfy(seat -> assertThat(offered).contains(seat));
        assertThat(text("order-items")).contains("seat " + seats.get(0));
        awaitSeats(event, statuses -> seats.forEach(seat -> assertThat(statuses).containsEntry(seat, "HELD")));

        // Cancelling gives the seats back at once.
        click("cancel");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("cancelled-view")));
        assertThat(order("carol", orderId).body()).containsEntry("status", "CANCELLED");
        awaitSeats(event, statuses -> seats.forEach(seat -> assertThat(statuses).containsEntry(seat, "AVAILABLE")));
    }

    // ---- the browser --------------------------------------------------------------------------------------------

    /** The page as a buyer opens it from a link: the token in the fragment, which never reaches the server. */
    private void open(String event, String buyer) {
        browser.get("http://127.0.0.1:" + port + "/buy.html?event=" + event + "#token=" + TestTokens.buyer(buyer));
    }

    private void click(String id) {
        waitFor(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void pay(String method) {
        WebElement field = waitFor(ExpectedConditions.elementToBeClickable(By.id("payment-method")));
        field.clear();
        field.sendKeys(method);
        click("pay");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Waits for what the buyer should see; on timeout, says what the page showed instead. */
    private static <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, STEP, Duration.ofMillis(100))
                .withMessage(() -> condition + "; the page showed " + pageShown())
                .until(condition);
    }

    private static String pageShown() {
        return browser.findElements(By.cssSelector("main > section")).stream()
                .filter(WebElement::isDisplayed)
                .map(section -> "#" + section.getAttribute("id") + " ["
                        + section.getText().replace('\n', ' ') + "]")
                .collect(Collectors.joining(" "));
    }

    // ---- the API ------------------------------------------------------------------------------------------------

    private String configure(Map<String, Object> config) {
        String eventId = "e-" + UUID.randomUUID().toString().substring(0, 8);
        Answer answer = exchange(
                HttpMethod.PUT, "/api/admin/events/" + eventId, TestTokens.organizer("org-1"), config, Map.of());
        // 202 ACCEPTED when going live takes longer than the edge waits (a loaded machine): then wait for it here.
        assertThat(answer.status())
                .as("body %s", answer.body())
                .isIn(HttpStatus.OK.value(), HttpStatus.ACCEPTED.value());
        await().atMost(STEP)
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        exchange(HttpMethod.GET, "/api/events/" + eventId, TestTokens.buyer("observer"), null, Map.of())
                                        .status()
                                == 200);
        return eventId;
    }

    private Answer changeQueue(String event, Map<String, Object> change) {
        return decided(() -> exchange(
                HttpMethod.PATCH,
                "/api/admin/events/" + event + "/queue",
                TestTokens.organizer("org-1"),
                change,
                Map.of()));
    }

    private Answer join(String event, String buyer) {
        return decided(() ->
                exchange(HttpMethod.POST, "/api/events/" + event + "/queue", TestTokens.buyer(buyer), null, Map.of()));
    }

    /** Asks again while the answer is 202 (the room has not answered in time): both calls are safe to repeat. */
    private static Answer decided(Supplier<Answer> call) {
        AtomicReference<Answer> last = new AtomicReference<>();
        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> {
            last.set(call.get());
            return last.get().status() != HttpStatus.ACCEPTED.value();
        });
        return last.get();
    }

    private Answer placeSeats(String event, String buyer, String admissionToken, List<String> seats) {
        Map<String, String> headers =
                new HashMap<>(Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        if (admissionToken != null) {
            headers.put("Admission-Token", admissionToken);
        }
        return exchange(
                HttpMethod.POST,
                "/api/events/" + event + "/orders",
                TestTokens.buyer(buyer),
                Map.of("seats", seats),
                headers);
    }

    private Answer order(String buyer, String orderId) {
        return exchange(HttpMethod.GET, "/api/orders/" + orderId, TestTokens.buyer(buyer), null, Map.of());
    }

    @SuppressWarnings("unchecked")
    private void awaitSeats(String event, Consumer<Map<String, String>> expectation) {
        await().atMost(STEP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Answer answer = exchange(
                    HttpMethod.GET,
                    "/api/events/" + event + "/sections/A/seats",
                    TestTokens.buyer("observer"),
                    null,
                    Map.of());
            assertThat(answer.status()).isEqualTo(200);
            Map<String, String> statuses = ((List<Map<String, Object>>)
                            answer.body().get("seats"))
                    .stream().collect(Collectors.toMap(seat -> (String) seat.get("seatId"), seat ->
                            (String) seat.get("status")));
            expectation.accept(statuses);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> items(Map<String, Object> order) {
        return ((List<Map<String, Object>>) order.get("items"))
                .stream().map(item -> (String) item.get("seatId")).toList();
    }

    private Answer exchange(HttpMethod method, String path, String bearer, Object body, Map<String, String> headers) {
        WebClient.RequestBodySpec request = client.method(method).uri(path).headers(all -> {
            all.setBearerAuth(bearer);
            headers.forEach(all::set);
        });
        WebClient.RequestHeadersSpec<?> ready = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(BuyerPageIT::answer).block(STEP);
    }

    private static Mono<Answer> answer(ClientResponse response) {
        return response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                .map(body -> (Map<String, Object>) new HashMap<>(body))
                .defaultIfEmpty(new HashMap<>())
                .map(body -> new Answer(response.statusCode().value(), body));
    }
}
