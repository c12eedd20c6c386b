package io.onsale.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ops/grafana/onsale-dashboard.json is a dashboard Grafana can import, with the panels the issue asks for. */
class DashboardTest {

    private static final Path DASHBOARD = Path.of("grafana/onsale-dashboard.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void isWellFormedJsonWithAPrometheusQueryInEveryPanel() throws Exception {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("onsale-operations");
        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).hasSizeGreaterThanOrEqualTo(15).allSatisfy(panel -> {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets"))
                    .isNotEmpty()
                    .allSatisfy(
                            target -> assertThat(target.path("expr").asText()).isNotBlank());
        });
        assertThat(panels.stream().map(panel -> panel.path("id").asInt()).distinct())
                .hasSize(panels.size());
    }

    @Test
    void hasThePanelsOperatorsAskedFor() throws Exception {
        List<String> titles = panels(JSON.readTree(DASHBOARD.toFile())).stream()
                .map(panel -> panel.path("title").asText())
                .toList();

        assertThat(titles)
                .contains(
                        "Arrivals (joins/s)",
                        "Queue length",
                        "Drain rate (admitted/s)",
                        "Admitted shoppers vs target",
                        "Holds/s",
                        "Tickets sold/s per section",
                        "Tickets left per section",
                        "Hold → paid conversion",
                        "4xx and 5xx answers/s",
                        "Hold latency (order answered)",
                        "Payment gateway latency",
                        "Payment gateway error rate",
                        "Consumer lag per Streams app",
                        "Instances",
                        "Streams state per instance",
                        "Commit latency per Streams app",
                        "Restorations");
    }

    /** Every query parses as PromQL: each becomes a recording rule that promtool checks. */
    @Test
    void everyQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        Promtool promtool = Promtool.required();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (JsonNode panel : panels(JSON.readTree(DASHBOARD.toFile()))) {
            for (JsonNode target : panel.path("targets")) {
                // Grafana's variables are not PromQL: $event is a regular expression of event ids.
                String expr = target.path("expr").asText().replace("$event", ".*");
                rules.append("      - record: dashboard:query")
                        .append(++n)
                        .append('\n')
                        .append("        expr: ")
                        .append(JSON.writeValueAsString(expr))
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve("dashboard-queries.yml"), rules);

        Promtool.Result result = promtool.run(dir, "check", "rules", "dashboard-queries.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if (!panel.path("type").asText().equals("row")) {
                panels.add(panel);
            }
        });
        return panels;
    }
}
