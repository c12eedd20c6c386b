package io.onsale.connect.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The end of {@code ./ticketing demo --warehouse}: waits until the warehouse has caught up with the sale, then answers
 * the analysts' questions about it from SQL, the way an analyst with psql would (each query is printed above its
 * answer), and checks the tickets sold per section against the simulator's own audit.
 *
 * <p>Caught up means: every sink connector's consumer group ({@code connect-<name>}) has committed past the last
 * committed record of each partition it reads. Not "lag 0": the platform writes with transactions, and a sink
 * commits the offset after its last record, never past the commit marker that follows it, so its lag stays 1 on a
 * transactional partition. The last record's offset comes from reading every topic once (read_committed), which
 * also gives the raw Kafka consumer rate of the same data.
 *
 * <pre>java -cp connectors.jar:&lt;connect classpath&gt; io.onsale.connect.local.WarehouseDemoReport \
 *     --bootstrap 127.0.0.1:9092 --connect http://127.0.0.1:8083 --jdbc jdbc:postgresql://127.0.0.1:5433/warehouse \
 *     --report .local/simulate/last.json [--wait-seconds 180]</pre>
 * Exit code 0 when the warehouse caught up and agrees with the audit, 1 otherwise.
 */
public final class WarehouseDemoReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final URI connect;
    private final String jdbcUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WarehouseDemoReport(String bootstrap, URI connect, String jdbcUrl) {
        this.bootstrap = bootstrap;
        this.connect = connect;
        this.jdbcUrl = jdbcUrl;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--bootstrap", "--connect", "--jdbc", "--report")) {
            if (!options.containsKey(required)) {
                System.err.println("usage: WarehouseDemoReport --bootstrap HOST:PORT --connect URL --jdbc URL"
                        + " --report last.json [--wait-seconds N]");
                System.exit(64);
            }
        }
        Duration wait = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--wait-seconds", "180")));
        WarehouseDemoReport demo = new WarehouseDemoReport(
                options.get("--bootstrap"), URI.create(options.get("--connect")), options.get("--jdbc"));
        Map<String, Set<String>> topicsBySink = demo.sinkTopics();
        Set<String> allTopics = new TreeSet<>();
        topicsBySink.values().forEach(allTopics::addAll);
        Watcher watcher = null;
        long saleEnded = System.currentTimeMillis();
        if (options.containsKey("--until-file")) {
            // Started before the sale: notes when each record becomes visible to a read_committed consumer.
            watcher = new Watcher(demo.bootstrap, allTopics);
            watcher.start();
            Path until = Path.of(options.get("--until-file"));
            while (!Files.exists(until)) {
                Thread.sleep(200);
            }
            saleEnded = System.currentTimeMillis();
        }
        Path reportFile = Path.of(options.get("--report"));
        if (!Files.exists(reportFile)) {
            System.out.println("warehouse: no simulator report (" + reportFile + "): nothing to compare");
            if (watcher != null) {
                watcher.close();
            }
            System.exit(1);
        }
        JsonNode report = JSON.readTree(reportFile.toFile());
        boolean ok = demo.awaitCaughtUp(topicsBySink, allTopics, wait);
        if (watcher != null) {
            watcher.close();
        }
        ok &= demo.print(report);
        if (watcher != null) {
            demo.printFreshness(watcher, saleEnded);
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * A read_committed consumer from the end of every sink topic: the wall-clock time each record became visible,
     * i.e. was committed on the broker, by its coordinates. Joined with the rows' landed_at afterwards.
     */
    static final class Watcher extends Thread implements AutoCloseable {
        private static final int MAX_RECORDS = 2_000_000;
        private final String bootstrap;
        private final Set<String> topics;
        private final Map<String, Long> seenAt = new java.util.concurrent.ConcurrentHashMap<>();
        private final long startedAt = System.currentTimeMillis();
        private volatile boolean running = true;

        Watcher(String bootstrap, Set<String> topics) {
            super("warehouse-freshness-watcher");
            setDaemon(true);
            this.bootstrap = bootstrap;
            this.topics = topics;
        }

        @Override
        public void run() {
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
                List<TopicPartition> partitions = partitions(consumer, topics);
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                    long now = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (seenAt.size() < MAX_RECORDS) {
                            seenAt.putIfAbsent(key(record.topic(), record.partition(), record.offset()), now);
                        }
                    }
                }
            }
        }

        static String key(String topic, int partition, long offset) {
            return topic + "/" + partition + "/" + offset;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            join(5_000);
        }
    }

    // ---- catching up --------------------------------------------------------------------------------------------

    private record Scan(Map<TopicPartition, Long> nextAfterLastRecord, long records, long millis) {}

    boolean awaitCaughtUp(Map<String, Set<String>> topicsBySink, Set<String> allTopics, Duration wait)
            throws Exception {
        long started = System.nanoTime();
        Scan scan = scan(allTopics);
        System.out.printf(
                Locale.ROOT,
                "warehouse: %d committed record(s) on %d topic(s), read back by a plain consumer in"
                        + " %d ms (%.0f records/s)%n",
                scan.records(),
                allTopics.size(),
                scan.millis(),
                scan.records() * 1000.0 / Math.max(1, scan.millis()));
        long deadline = started + wait.toNanos();
        Map<String, List<String>> behind = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            do {
                behind.clear();
                for (Map.Entry<String, Set<String>> sink : topicsBySink.entrySet()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                                    "connect-" + sink.getKey())
                            .partitionsToOffsetAndMetadata()
                            .get();
                    scan.nextAfterLastRecord().forEach((partition, target) -> {
                        if (!sink.getValue().contains(partition.topic())) {
                            return;
                        }
                        OffsetAndMetadata at = committed.get(partition);
                        long position = at == null ? 0 : at.offset();
                        if (position < target) {
                            behind.computeIfAbsent(sink.getKey(), k -> new ArrayList<>())
                                    .add(partition + " " + position + "/" + target);
                        }
                    });
                }
                if (behind.isEmpty()) {
                    System.out.printf(
                            Locale.ROOT,
                            "warehouse: caught up %.1f s after the sale ended (every sink committed"
                                    + " past the last record of its topics)%n",
                            (System.nanoTime() - started) / 1e9);
                    return true;
                }
                Thread.sleep(250);
            } while (System.nanoTime() < deadline);
        }
        System.out.println("warehouse: NOT caught up after " + wait.toSeconds() + " s; behind: " + behind);
        return false;
    }

    /** Each connector on the worker and the topics it reads ({@code topics} or {@code topics.regex}). */
    private Map<String, Set<String>> sinkTopics() throws Exception {
        Set<String> existing;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            existing = admin.listTopics().names().get();
        }
        Map<String, Set<String>> bySink = new TreeMap<>();
        for (JsonNode name : get("/connectors")) {
            JsonNode config =
                    get("/connectors/" + URLEncoder.encode(name.asText(), StandardCharsets.UTF_8) + "/config");
            Set<String> topics = new TreeSet<>();
            if (config.hasNonNull("topics")) {
                for (String topic : config.get("topics").asText().split(",")) {
                    if (existing.contains(topic.trim())) {
                        topics.add(topic.trim());
                    }
                }
            } else if (config.hasNonNull("topics.regex")) {
                Pattern regex = Pattern.compile(config.get("topics.regex").asText());
                existing.stream()
                        .filter(topic -> regex.matcher(topic).matches())
                        .forEach(topics::add);
            }
            bySink.put(name.asText(), topics);
        }
        return bySink;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(connect.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Reads every partition of the topics to its end (committed records only): the offset after each last record. */
    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, Set<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private Scan scan(Set<String> topics) {
        Map<TopicPartition, Long> next = new HashMap<>();
        long records = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Set<TopicPartition> open = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
            partitions.stream().filter(p -> ends.get(p) > consumer.position(p)).forEach(open::add);
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    records++;
                }
                open.removeIf(p -> consumer.position(p) >= ends.get(p));
            }
        }
        return new Scan(next, records, (System.nanoTime() - started) / 1_000_000);
    }

    // ---- the analysts' answers ----------------------------------------------------------------------------------

    boolean print(JsonNode report) throws SQLException {
        String event = report.path("eventId").asText();
        boolean agrees = true;
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalWarehouse.USER, "")) {
            System.out.println();
            System.out.println("== The sale of '" + event + "' from the warehouse (" + jdbcUrl + ") ==");

            System.out.println();
            System.out.println("Tickets sold per section, and the time from the sale's opening to sell-out:");
            List<Map<String, Object>> sections = table(db, """
                    SELECT section_id, capacity, sold,
                           round(extract(epoch FROM time_to_unavailable)::numeric, 3) AS nothing_left_after_s,
                           round(extract(epoch FROM time_to_sell_out)::numeric, 3)    AS sold_out_after_s
                    FROM section_sell_out WHERE event_id = ? ORDER BY section_id""", event);
            Map<String, Long> simulator = new TreeMap<>();
            report.path("audit")
                    .path("sections")
                    .forEach(s -> simulator.put(
                            s.path("sectionId").asText(), s.path("sold").asLong()));
            Map<String, Long> warehouse = new TreeMap<>();
            sections.forEach(row ->
                    warehouse.put(String.valueOf(row.get("section_id")), ((Number) row.get("sold")).longValue()));
            long total = warehouse.values().stream().mapToLong(Long::longValue).sum();
            long auditTickets = report.path("audit").path("confirmedTickets").asLong();
            if (warehouse.equals(simulator) && total == auditTickets) {
                System.out.println(
                        "sold per section agrees with the simulator's audit (tickets of CONFIRMED orders read back"
                                + " from the edge): " + warehouse + ", " + total + " ticket(s)");
            } else {
                agrees = false;
                System.out.println("sold per section DIFFERS from the simulator's audit: warehouse " + warehouse
                        + ", simulator " + simulator);
            }

            System.out.println();
            System.out.println(
                    "The funnel (one row per buyer in buyer_funnel): joined -> admitted -> first hold -> paid:");
            table(db, """
                    SELECT joined, admitted, held, paid, admitted_of_joined, held_of_admitted, paid_of_held, paid_of_joined
                    FROM funnel_conversion WHERE event_id = ?""", event);
            table(db, """
                    SELECT outcome, count(*) AS buyers,
                           round(avg(extract(epoch FROM waited))::numeric, 3)           AS avg_wait_s,
                           round(avg(extract(epoch FROM admitted_to_hold))::numeric, 3) AS avg_admitted_to_hold_s,
                           round(avg(extract(epoch FROM hold_to_paid))::numeric, 3)     AS avg_hold_to_paid_s
                    FROM buyer_funnel WHERE event_id = ? GROUP BY outcome ORDER BY buyers DESC""", event);

            System.out.println();
            System.out.println("Holds that expired vs paid:");
            List<Map<String, Object>> holds = table(db, """
                    SELECT holds, paid, expired, cancelled, still_held, tickets_paid, tickets_expired
                    FROM hold_outcomes WHERE event_id = ?""", event);
            long paid = holds.isEmpty() ? 0 : ((Number) holds.get(0).get("paid")).longValue();
            long auditOrders = report.path("audit").path("confirmedOrders").asLong();
            if (paid == auditOrders) {
                System.out.println("paid orders agree with the simulator's audit: " + paid + " CONFIRMED");
            } else {
                agrees = false;
                System.out.println(
                        "paid orders DIFFER from the simulator's audit: warehouse " + paid + ", audit " + auditOrders);
            }

            System.out.println();
            System.out.println(
                    "Payment latency (authorization recorded -> capture recorded), whole sale and per minute:");
            table(db, """
                    SELECT count(*) AS payments,
                           round((percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM captured_at - authorized_at)))::numeric * 1000) AS p50_ms,
                           round((percentile_cont(0.90) WITHIN GROUP (ORDER BY extract(epoch FROM captured_at - authorized_at)))::numeric * 1000) AS p90_ms,
                           round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM captured_at - authorized_at)))::numeric * 1000) AS p99_ms,
                           round(max(extract(epoch FROM captured_at - authorized_at))::numeric * 1000) AS max_ms
                    FROM payments WHERE event_id = ? AND captured_at IS NOT NULL AND authorized_at IS NOT NULL""", event);
            table(db, """
                    SELECT to_char(minute, 'HH24:MI') AS minute, payments, p50_ms, p90_ms, p99_ms, max_ms
                    FROM payment_latency_per_minute WHERE event_id = ? ORDER BY minute""", event);

            System.out.println();
            System.out.println(
                    "Freshness from SQL: a decision's Kafka timestamp (the time it was taken) -> its row inserted in"
                            + " PostgreSQL (landed_at); includes the platform's own wait before its transaction commits:");
            table(db, """
                    SELECT source, count(*) AS rows,
                           round((percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM lag)))::numeric * 1000) AS p50_ms,
                           round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM lag)))::numeric * 1000) AS p99_ms,
                           round(max(extract(epoch FROM lag))::numeric * 1000) AS max_ms
                    FROM landing_lag WHERE event_id = ? AND kafka_timestamp IS NOT NULL
                    GROUP BY ROLLUP (source) ORDER BY source NULLS LAST""", event);
            table(db, """
                    WITH landed AS (SELECT landed_at FROM landing_lag WHERE event_id = ?),
                         per_second AS (SELECT date_trunc('second', landed_at) AS second, count(*) AS n FROM landed GROUP BY 1)
                    SELECT (SELECT count(*) FROM landed) AS rows,
                           round(extract(epoch FROM (SELECT max(landed_at) - min(landed_at) FROM landed))::numeric, 1) AS over_s,
                           round((SELECT count(*) FROM landed)
                                 / nullif(extract(epoch FROM (SELECT max(landed_at) - min(landed_at) FROM landed)), 0)) AS avg_rows_per_s,
                           (SELECT max(n) FROM per_second) AS peak_rows_in_a_second""", event);
        }
        return agrees;
    }

    /**
     * Freshness as the issue defines it: a decision committed on the broker (the moment a read_committed consumer
     * first saw it) -> its row in PostgreSQL (landed_at), per log table; and the rate rows landed during the sale.
     */
    void printFreshness(Watcher watcher, long saleEnded) throws SQLException {
        Map<String, List<Long>> lags = new TreeMap<>();
        List<Long> landed = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, LocalWarehouse.USER, "")) {
            for (String table : List.of("order_events", "reservation_events", "queue_events", "payment_events")) {
                try (PreparedStatement statement = db.prepareStatement("SELECT __connect_topic, __connect_partition,"
                        + " __connect_offset, (extract(epoch FROM landed_at) * 1000)::bigint AS landed_ms FROM " + table
                        + " WHERE landed_at >= to_timestamp(? / 1000.0) AT TIME ZONE 'UTC'")) {
                    statement.setLong(1, watcher.startedAt);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            long landedMs = rows.getLong(4);
                            landed.add(landedMs);
                            Long seen =
                                    watcher.seenAt.get(Watcher.key(rows.getString(1), rows.getInt(2), rows.getLong(3)));
                            if (seen != null) {
                                lags.computeIfAbsent(table, t -> new ArrayList<>())
                                        .add(landedMs - seen);
                            }
                        }
                    }
                }
            }
        }
        System.out.println();
        System.out.println(
                "Freshness: committed on the broker (first seen by a read_committed consumer) -> row inserted in PostgreSQL:");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        lags.forEach((table, values) -> {
            rows.add(percentiles(table, values));
            all.addAll(values);
        });
        rows.add(percentiles("all", all));
        printAligned(List.of("table", "rows", "p50_ms", "p90_ms", "p99_ms", "max_ms", "within_5s"), rows);

        long duringSale = landed.stream().filter(t -> t <= saleEnded).count();
        double saleSeconds = Math.max(1, saleEnded - watcher.startedAt) / 1000.0;
        Map<Long, Long> perSecond = new TreeMap<>();
        landed.forEach(t -> perSecond.merge(t / 1000, 1L, Long::sum));
        long last = landed.stream().mapToLong(Long::longValue).max().orElse(saleEnded);
        System.out.printf(
                Locale.ROOT,
                "landed: %d row(s) while the sale ran (%.1f s: %.0f rows/s), %d in all, the last"
                        + " %.1f s after the sale ended; peak %d rows in one second%n",
                duringSale,
                saleSeconds,
                duringSale / saleSeconds,
                landed.size(),
                Math.max(0, last - saleEnded) / 1000.0,
                perSecond.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private static Map<String, Object> percentiles(String name, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("table", name);
        row.put("rows", sorted.size());
        for (double p : new double[] {0.50, 0.90, 0.99}) {
            row.put(
                    "p" + Math.round(p * 100) + "_ms",
                    sorted.isEmpty()
                            ? null
                            : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)));
        }
        row.put("max_ms", sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
        row.put(
                "within_5s",
                sorted.isEmpty()
                        ? null
                        : String.format(
                                Locale.ROOT,
                                "%.1f%%",
                                100.0 * sorted.stream().filter(v -> v <= 5_000).count() / sorted.size()));
        return row;
    }

    /** Runs a query with the event id as its parameters, prints it and its answer like psql does, returns the rows. */
    private static List<Map<String, Object>> table(Connection db, String sql, String event) throws SQLException {
        String shown = sql.replace("?", "'" + event + "'");
        System.out.println(shown.lines()
                .map(line -> "  -- " + line)
                .reduce((a, b) -> a + "\n" + b)
                .orElse(""));
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, event);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                List<String> columns = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnLabel(c));
                }
                printAligned(columns, rows);
            }
        }
        return rows;
    }

    private static void printAligned(List<String> columns, List<Map<String, Object>> rows) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (Map<String, Object> row : rows) {
                widths[c] = Math.max(widths[c], text(row.get(columns.get(c))).length());
            }
        }
        StringBuilder header = new StringBuilder(" ");
        StringBuilder rule = new StringBuilder("-");
        for (int c = 0; c < columns.size(); c++) {
            header.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", columns.get(c)));
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        System.out.println(header.toString().stripTrailing());
        System.out.println(rule + "-");
        for (Map<String, Object> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < columns.size(); c++) {
                Object value = row.get(columns.get(c));
                String format = value instanceof Number ? "%" + widths[c] + "s" : "%-" + widths[c] + "s";
                line.append(c == 0 ? "" : " | ").append(String.format(format, text(value)));
            }
            System.out.println(line.toString().stripTrailing());
        }
        System.out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
