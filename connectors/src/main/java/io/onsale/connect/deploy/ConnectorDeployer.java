package io.onsale.connect.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submits the sink connectors to a Connect worker through its REST API and waits until every connector and task
 * runs. {@code PUT /connectors/<name>/config} creates or updates, so deploying twice is harmless.
 *
 * <pre>
 * java -cp connectors.jar:&lt;connect classpath&gt; io.onsale.connect.deploy.ConnectorDeployer \
 *     --connect http://127.0.0.1:8083 --sinks connectors/sinks \
 *     --set jdbcUrl=jdbc:postgresql://127.0.0.1:5433/warehouse --set jdbcUser=warehouse --set jdbcPassword=...
 * </pre>
 * {@code topicPrefix} defaults to none and {@code replicationFactor} to 1 (the local single broker).
 * With {@code --status} it deploys nothing and prints each connector on the worker with its tasks' states
 * ({@code ./ticketing connect status}); the exit code is 1 when a connector or a task is not RUNNING.
 */
public final class ConnectorDeployer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI connect;
    private final HttpClient http;

    public ConnectorDeployer(URI connect) {
        this.connect = connect;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> variables = new LinkedHashMap<>(SinkConfigs.topicVariables(""));
        variables.put("replicationFactor", "1");
        String connect = "http://127.0.0.1:8083";
        Path sinks = Path.of("connectors", "sinks");
        Duration wait = Duration.ofSeconds(120);
        boolean statusOnly = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--connect" -> connect = required(arg, value);
                case "--sinks" -> sinks = Path.of(required(arg, value));
                case "--status" -> {
                    statusOnly = true;
                    i--;
                }
                case "--wait-seconds" -> wait = Duration.ofSeconds(Long.parseLong(required(arg, value)));
                case "--set" -> {
                    String assignment = required(arg, value);
                    int equals = assignment.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--set takes name=value, got '" + assignment + "'");
                    }
                    variables.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                    if (assignment.startsWith("topicPrefix=")) {
                        variables.putAll(SinkConfigs.topicVariables(assignment.substring(equals + 1)));
                    }
                }
                default ->
                    throw new IllegalArgumentException("unknown option " + arg
                            + " (--connect URL, --sinks DIR, --set name=value, --wait-seconds N, --status)");
            }
            i++;
        }
        ConnectorDeployer deployer = new ConnectorDeployer(URI.create(connect));
        if (statusOnly) {
            List<String> lines = new ArrayList<>();
            boolean allRunning = deployer.describe(lines);
            lines.forEach(System.out::println);
            System.exit(allRunning ? 0 : 1);
        }
        List<SinkConfigs.Sink> loaded = SinkConfigs.load(sinks, variables);
        deployer.deploy(loaded);
        deployer.awaitRunning(loaded, wait);
        loaded.forEach(sink -> System.out.println("connect: " + sink.name() + " RUNNING"));
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Creates or updates each connector; a config the worker refuses fails with the worker's own message. */
    public void deploy(List<SinkConfigs.Sink> sinks) throws IOException, InterruptedException {
        for (SinkConfigs.Sink sink : sinks) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(uri("/connectors/" + encode(sink.name()) + "/config"))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(sink.config()))));
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("the worker refused connector " + sink.name() + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
        }
    }

    /**
     * Waits until every connector and all its tasks are RUNNING. A FAILED one ends the wait at once with its trace,
     * since it would not recover by itself.
     */
    public void awaitRunning(List<SinkConfigs.Sink> sinks, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<String> pending =
                new ArrayList<>(sinks.stream().map(SinkConfigs.Sink::name).toList());
        String lastSeen = "";
        while (!pending.isEmpty()) {
            for (String name : List.copyOf(pending)) {
                HttpResponse<String> response =
                        send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/status"))
                                .GET());
                if (response.statusCode() != 200) {
                    lastSeen = name + ": HTTP " + response.statusCode();
                    continue;
                }
                JsonNode status = JSON.readTree(response.body());
                failure(name, status);
                if (running(status)) {
                    pending.remove(name);
                } else {
                    lastSeen = name + ": " + response.body();
                }
            }
            if (!pending.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("not RUNNING after " + timeout.toSeconds() + " s: " + pending
                            + " (last status " + lastSeen + ")");
                }
                Thread.sleep(200);
            }
        }
    }

    /** The state of one connector's task {@code 0}..n as the worker reports it, e.g. {@code RUNNING}. */
    public List<String> taskStates(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + encode(name) + "/status"))
                .GET());
        List<String> states = new ArrayList<>();
        JSON.readTree(response.body())
                .path("tasks")
                .forEach(task -> states.add(task.path("state").asText()));
        return states;
    }

    /**
     * One line per connector on the worker, {@code name: connector RUNNING, tasks 0 RUNNING 1 FAILED (first line of
     * the trace)}, and one more when there are none; whether every connector and task runs.
     */
    public boolean describe(List<String> lines) throws IOException, InterruptedException {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/connectors?expand=status")).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET /connectors?expand=status: HTTP " + response.statusCode() + " " + response.body());
        }
        JsonNode connectors = JSON.readTree(response.body());
        if (connectors.isEmpty()) {
            lines.add("  (no connectors: './ticketing connect deploy')");
            return false;
        }
        boolean allRunning = true;
        List<String> names = new ArrayList<>();
        connectors.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        for (String name : names) {
            JsonNode status = connectors.path(name).path("status");
            StringBuilder line = new StringBuilder("  ")
                    .append(name)
                    .append(": connector ")
                    .append(status.path("connector").path("state").asText("?"))
                    .append(", tasks");
            if (status.path("tasks").isEmpty()) {
                line.append(" none yet");
            }
            for (JsonNode task : status.path("tasks")) {
                line.append(' ')
                        .append(task.path("id").asText())
                        .append(' ')
                        .append(task.path("state").asText());
                String trace = task.path("trace").asText("");
                if (!trace.isEmpty()) {
                    line.append(" (")
                            .append(trace.lines().findFirst().orElse(""))
                            .append(')');
                }
            }
            allRunning &= running(status);
            lines.add(line.toString());
        }
        return allRunning;
    }

    private static boolean running(JsonNode status) {
        JsonNode tasks = status.path("tasks");
        if (!"RUNNING".equals(status.path("connector").path("state").asText()) || tasks.isEmpty()) {
            return false;
        }
        for (JsonNode task : tasks) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static void failure(String name, JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new IllegalStateException("connector " + name + " FAILED: "
                    + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new IllegalStateException(
                        "connector " + name + " task " + task.path("id").asText() + " FAILED: "
                                + task.path("trace").asText());
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return connect.resolve(path);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
