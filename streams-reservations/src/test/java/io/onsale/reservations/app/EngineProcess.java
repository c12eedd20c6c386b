package io.onsale.reservations.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One engine.jar process, as {@code ./ticketing engine start} runs it: its own state directory and query port. */
final class EngineProcess implements AutoCloseable {

    static final Path ENGINE_JAR = Path.of("target", "engine.jar");

    private final String name;
    private final Map<String, String> settings;
    private final Path stateDir;
    private final int port;
    private final Path log;
    private final Consumer<String> timeline;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /**
     * @param settings the {@code ONSALE_KAFKA_*} environment every instance shares (brokers, topic prefix, partitions,
     *                 application id, replication); this instance adds its state directory and query port
     * @param log      where the process's output goes, appended across its restarts and kept after the run
     * @param timeline told when it starts
     */
    EngineProcess(
            String name, Map<String, String> settings, Path stateDir, int port, Path log, Consumer<String> timeline) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.stateDir = stateDir;
        this.port = port;
        this.log = log;
        this.timeline = timeline;
    }

    void start() throws IOException {
        Files.createDirectories(stateDir);
        List<String> command = new java.util.ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m"));
        command.addAll(OffsetProbe.jvmOptions("engine"));
        command.addAll(List.of("-jar", ENGINE_JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.putAll(settings);
        environment.put("ONSALE_KAFKA_STATE_DIR", stateDir.toString());
        environment.put("ONSALE_KAFKA_STANDBY_REPLICAS", "1");
        environment.put("ONSALE_KAFKA_ROCKSDB_MEMORY_MB", "64");
        environment.put("ONSALE_KAFKA_APPLICATION_SERVER", "127.0.0.1:" + port);
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        timeline.accept(name + " started");
    }

    /** SIGKILL: no shutdown hook, no leave, no commit. Returns when it was sent (System.nanoTime). */
    long kill() throws InterruptedException {
        long at = System.nanoTime();
        process.destroyForcibly();
        process.waitFor();
        return at;
    }

    /** The process id, or -1 when not started. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    String name() {
        return name;
    }

    boolean healthy() {
        return get("/health").map(answer -> answer.statusCode() == 200).orElse(false);
    }

    /** Some partition of the orders store is this instance's, as its own owner table says. */
    boolean ownsTasks() {
        return get("/owners")
                .map(answer -> answer.statusCode() == 200 && answer.body().contains(":" + port))
                .orElse(false);
    }

    /** Every partition of every queried store is this instance's. */
    boolean ownsAllTasks() {
        return get("/owners")
                .map(answer -> answer.statusCode() == 200
                        && answer.body()
                                .lines()
                                .skip(1)
                                .allMatch(line -> line.split(" ").length > 1
                                        && List.of(line.split(" ")).subList(1, line.split(" ").length).stream()
                                                .allMatch(owner -> owner.endsWith(":" + port))))
                .orElse(false);
    }

    String restoration() {
        return get("/restoration")
                .filter(answer -> answer.statusCode() == 200)
                .map(HttpResponse::body)
                .orElse("");
    }

    private Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
