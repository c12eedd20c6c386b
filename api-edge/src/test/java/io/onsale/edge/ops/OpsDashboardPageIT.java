package io.onsale.edge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.testing.DemoEvents;
import io.onsale.edge.testing.EdgeCalls;
import io.onsale.edge.testing.HeadlessChromium;
import io.onsale.edge.testing.RunningEdge;
import io.onsale.edge.testing.TestTokens;
import io.onsale.kafka.testing.RealKafka;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.Order;
import io.onsale.loadgen.client.OrderOutcome;
import io.onsale.loadgen.client.OrderRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations page (static/ops.html) in headless Chromium against a whole edge on a real broker: after a small sale
 * (joins, holds, payments declined and accepted, a cancel, a refused request), an operator opens the page with a token
 * in its address and, without reloading it, sees every chart plot points; the screenshot is kept in
 * {@code target/screenshots/ops-dashboard.png}. A buyer's token is refused the dashboard's data.
 */
class OpsDashboardPageIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "ops-dashboard.png");
    /** Every chart of DashboardCharts: the page must draw them all. */
    private static final int CHARTS = DashboardCharts.all().size();

    private static RunningEdge edge;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws Exception {
        edge = RunningEdge.start(RealKafka.uniquePrefix("ops-dashboard"));
        chromium = HeadlessChromium.start("ops-dashboard", 1400, 2300);
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void anOperatorSeesEveryChartPlotTheSaleWithoutReloadingThePage() throws Exception {
        sell();
        WebDriver browser = chromium.browser();

        browser.get(edge.uri() + "/ops.html#token="
                + TestTokens.token("ops-1", List.of("OPERATOR"), "onsale-local", "onsale-api", TestTokens.SECRET));
        wait(browser, STEP).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "ops-1 (OPERATOR)"));
        assertThat(browser.getCurrentUrl())
                .as("the token leaves the address bar")
                .doesNotContain("token=");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        // Charts whose values come from meters bound every 10 s (the engine's decisions, lag) fill in last.
        wait(browser, Duration.ofMinutes(3))
                .withMessage(() -> "charts without points: " + chartsWithoutPoints(browser))
                .until(page ->
                        chartCount(page) == CHARTS && chartsWithoutPoints(page).isEmpty());
        String shownAt = browser.findElement(By.id("freshness")).getText();
        wait(browser, Duration.ofSeconds(30))
                .until(page -> !page.findElement(By.id("freshness")).getText().equals(shownAt));

        Path screenshot = chromium.screenshot(SCREENSHOT);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;"))
                .as("updated in place, never reloaded")
                .isEqualTo(true);
        assertThat(plotted(browser))
                .as("points drawn per chart (polyline vertices, last points, state bands)")
                .hasSize(CHARTS)
                .allSatisfy((chart, points) -> assertThat(points).as(chart).isPositive());
        assertThat(browser.findElement(By.id("chart-holds")).getText()).contains("HELD");
        assertThat(browser.findElement(By.id("chart-states")).getText()).contains("reservations", "RUNNING");
        System.out.println("ops dashboard screenshot: " + screenshot.toAbsolutePath());
    }

    @Test
    void aBuyerIsRefusedTheDashboardsDataWithAProblem() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(edge.uri() + "/api/ops/dashboard"))
                                .header("Authorization", "Bearer " + TestTokens.buyer("alice"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("urn:onsale:problem:forbidden");
    }

    /** Twelve buyers join, hold a seat each; most pay (some after a declined card), one cancels; one order is malformed. */
    private static void sell() {
        String event = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        Answer<ConfigureAck> configured = edge.api()
                .configureEvent(
                        event,
                        DemoEvents.typedOnSaleWithSeats(20, DemoEvents.passThroughQueue()),
                        TestTokens.organizer("org-1"))
                .join();
        assertThat(configured.status()).as("%s", configured.problem()).isIn(200, 202);
        List<String> orders = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            int i = n;
            String buyer = "ops-buyer-" + i;
            String token = TestTokens.buyer(buyer);
            assertThat(EdgeCalls.read(() -> edge.api().joinQueue(event, token)).status())
                    .isIn(200, 201);
            String key = UUID.randomUUID().toString();
            OrderOutcome held = EdgeCalls.decided(
                    () -> edge.api().placeOrder(event, OrderRequest.seats(List.of("A-1-" + i)), key, token));
            assertThat(held).as("%s", held).isInstanceOf(OrderOutcome.Decided.class);
            String orderId = ((OrderOutcome.Decided) held).order().orderId();
            orders.add(orderId);
            if (i % 4 == 0) {
                EdgeCalls.decided(() -> edge.api().cancelOrder(orderId, token));
                continue;
            }
            if (i % 3 == 0) {
                String declinedKey = UUID.randomUUID().toString();
                assertThat(EdgeCalls.decided(() -> edge.api().pay(orderId, "decline-card", declinedKey, token))
                                .status())
                        .isEqualTo(402);
            }
            String payKey = UUID.randomUUID().toString();
            OrderOutcome paid = EdgeCalls.decided(() -> edge.api().pay(orderId, "sandbox-card", payKey, token));
            assertThat(paid).as("%s", paid).isInstanceOf(OrderOutcome.Decided.class);
            assertThat(((OrderOutcome.Decided) paid).order().status()).isEqualTo(Order.CONFIRMED);
        }
        // A seat that does not exist: a 4xx the errors chart counts.
        OrderOutcome unknown = EdgeCalls.decided(() -> edge.api()
                .placeOrder(
                        event, OrderRequest.seats(List.of("Z-9-9")), "unknown-seat", TestTokens.buyer("ops-buyer-1")));
        assertThat(unknown.status()).isBetween(400, 499);
        assertThat(orders).hasSize(12);
    }

    private static WebDriverWait wait(WebDriver browser, Duration atMost) {
        return (WebDriverWait) new WebDriverWait(browser, atMost, Duration.ofMillis(250));
    }

    private static long chartCount(WebDriver browser) {
        return browser.findElements(By.cssSelector("figure.chart")).size();
    }

    @SuppressWarnings("unchecked")
    private static List<String> chartsWithoutPoints(WebDriver browser) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return [...document.querySelectorAll('figure.chart')]"
                        + ".filter(figure => !(Number(figure.dataset.points) > 0)).map(figure => figure.id);");
    }

    /** Per chart, the points its SVG draws: each vertex of its polylines, each last-value dot, each state band. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> plotted(WebDriver browser) {
        return (Map<String, Long>) ((JavascriptExecutor) browser)
                .executeScript("const plotted = {};"
                        + "document.querySelectorAll('figure.chart').forEach(figure => {"
                        + "  const vertices = [...figure.querySelectorAll('polyline')]"
                        + "      .reduce((sum, line) => sum + line.getAttribute('points').trim().split(/\\s+/).length, 0);"
                        + "  plotted[figure.id] = vertices + figure.querySelectorAll('circle[data-line], rect[data-line]').length;"
                        + "});"
                        + "return plotted;");
    }
}
