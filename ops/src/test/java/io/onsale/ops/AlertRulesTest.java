package io.onsale.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ops/prometheus/alerts.yml is valid, and its unit tests (alerts_test.yml) pass in Prometheus' own evaluator. */
class AlertRulesTest {

    static final Path PROMETHEUS = Path.of("prometheus");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theRulesAreValidPrometheusRules() throws Exception {
        Promtool.Result result = Promtool.required().run(PROMETHEUS, "check", "rules", "alerts.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void theRulesUnitTestsPass() throws Exception {
        Promtool.Result result = Promtool.required().run(PROMETHEUS, "test", "rules", "alerts_test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** Without promtool too: an alert nobody tested both ways could be one that never fires, or always does. */
    @Test
    void everyAlertHasACaseWhereItFiresAndOneWhereItMustNot() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group :
                YAML.readTree(PROMETHEUS.resolve("alerts.yml").toFile()).path("groups")) {
            group.path("rules").forEach(rule -> {
                if (rule.has("alert")) {
                    alerts.add(rule.get("alert").asText());
                }
            });
        }
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test :
                YAML.readTree(PROMETHEUS.resolve("alerts_test.yml").toFile()).path("tests")) {
            for (JsonNode expectation : test.path("alert_rule_test")) {
                String alert = expectation.path("alertname").asText();
                (expectation.path("exp_alerts").isEmpty() ? quiet : firing).add(alert);
            }
        }

        List<String> untested = new ArrayList<>();
        for (String alert : alerts) {
            if (!firing.contains(alert)) {
                untested.add(alert + " never fires in a test");
            }
            if (!quiet.contains(alert)) {
                untested.add(alert + " is never shown quiet in a test");
            }
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        assertThat(untested).isEmpty();
    }
}
