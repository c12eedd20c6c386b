package io.onsale.kafka.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a standalone app: its Streams client's series exactly as the edge exports the same client's
 * (so ops/prometheus/alerts.yml and the Grafana dashboard read both), labelled with the app, and its restorations. A
 * client that is built but not started has its metrics already: no broker needed.
 */
class StreamsAppMetricsTest {

    /** One series: {@code name{label="value",...} value}. */
    private static final Pattern SERIES =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$", Pattern.MULTILINE);

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @TempDir
    Path stateDir;

    private KafkaStreams streams;

    @BeforeEach
    void aClientNotStarted() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        "hold-requests",
                        Consumed.with(Serdes.String(), Serdes.String()).withName("read-holds"))
                .to(
                        "order-events",
                        Produced.<String, String>as("write-answers")
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
        // Nothing listens there; the client is never started.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(builder.build(), props);
    }

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void theClientsSeriesHaveTheNamesAndLabelsTheEdgeExportsForTheSameClient() {
        PrometheusMeterRegistry edge = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (StreamsMeters edgeBinding = StreamsMeters.bind(streams, "reservations", edge);
                StreamsAppMetrics standalone =
                        StreamsAppMetrics.bind("reservations", streams, RestorationLog.attach(streams))) {

            Set<String> standaloneSeries = kafkaSeries(standalone.scrape());

            assertThat(standaloneSeries)
                    .isEqualTo(kafkaSeries(edge.scrape()))
                    .contains(
                            "kafka_stream_client_state{app,client_id,kafka_version,process_id}",
                            "kafka_stream_alive_stream_threads{app,client_id,kafka_version}")
                    .anyMatch(series -> series.startsWith("kafka_stream_thread_commit_latency_avg{app,"));
        }
    }

    @Test
    void theClientStateIsTheStatesOrdinalLabelledWithTheApp() {
        try (StreamsAppMetrics metrics =
                StreamsAppMetrics.bind("waiting-room", streams, RestorationLog.attach(streams))) {

            assertThat(value(metrics.scrape(), "kafka_stream_client_state", "app=\"waiting-room\""))
                    .as("CREATED: built, not started")
                    .isEqualTo(KafkaStreams.State.CREATED.ordinal());
        }
    }

    @Test
    void restorationsAndStandbyUpdatesAreCounters() {
        RestorationLog restoration = RestorationLog.attach(streams);
        TopicPartition units = new TopicPartition("onsale-reservations-units-changelog", 3);
        restoration.onRestoreStart(units, "units", 0, 120);
        restoration.onBatchRestored(units, "units", 99, 100);
        restoration.onBatchRestored(units, "units", 119, 20);
        restoration.onRestoreEnd(units, "units", 120);
        restoration.onBatchLoaded(units, "units", new TaskId(1, 3), 126, 6, 126);

        try (StreamsAppMetrics metrics = StreamsAppMetrics.bind("reservations", streams, restoration)) {
            String scrape = metrics.scrape();

            assertThat(value(scrape, "onsale_streams_restorations_total", "app=\"reservations\""))
                    .isEqualTo(1);
            assertThat(value(scrape, "onsale_streams_restored_records_total", "app=\"reservations\""))
                    .isEqualTo(120);
            assertThat(value(scrape, "onsale_streams_standby_records_total", "app=\"reservations\""))
                    .isEqualTo(6);
            assertThat(value(scrape, "onsale_streams_restore_seconds_total", "app=\"reservations\""))
                    .isGreaterThanOrEqualTo(0);
            assertThat(scrape).contains("# TYPE onsale_streams_restored_records_total counter");
        }
    }

    @Test
    void theEndpointServesThemAtSlashMetricsInTheTextFormat() throws Exception {
        String address = "127.0.0.1:" + freePort();
        try (StreamsAppMetrics metrics =
                        StreamsAppMetrics.bind("reservations", streams, RestorationLog.attach(streams));
                StreamsHttpEndpoint endpoint =
                        StreamsHttpEndpoint.start(address, streams, Map.of("/metrics", metrics.route()))) {

            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(answer.body())
                    .contains("# TYPE kafka_stream_client_state gauge")
                    .contains("jvm_memory_used_bytes{");
        }
    }

    /** Every kafka_* series as {@code name{label,names}}, sorted: what a rule can match on. */
    private static Set<String> kafkaSeries(String scrape) {
        Set<String> series = new TreeSet<>();
        Matcher line = SERIES.matcher(scrape);
        while (line.find()) {
            if (line.group(1).startsWith("kafka_")) {
                Set<String> labels = new TreeSet<>();
                Matcher label = LABEL.matcher(line.group(2) == null ? "" : line.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
                series.add(line.group(1) + "{" + String.join(",", labels) + "}");
            }
        }
        return series;
    }

    /** The value of the one series of {@code name} whose labels contain {@code label}. */
    private static double value(String scrape, String name, String label) {
        Matcher line = SERIES.matcher(scrape);
        while (line.find()) {
            if (line.group(1).equals(name)
                    && line.group(2) != null
                    && line.group(2).contains(label)) {
                return Double.parseDouble(line.group(3));
            }
        }
        throw new AssertionError("no " + name + " with " + label + " in:\n" + scrape);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
