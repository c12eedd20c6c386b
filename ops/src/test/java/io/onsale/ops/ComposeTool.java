package io.onsale.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compose itself, to read docker-compose.yml as it will at {@code up}: {@code $DOCKER_COMPOSE}, else
 * {@code docker-compose} on the PATH, else the {@code docker compose} plugin. No daemon is needed for {@code config}.
 * Tests that need it are skipped, saying how to get it, where there is none (.ci/run unpacks Debian's docker-compose).
 */
final class ComposeTool {

    /** What compose printed and how it exited. */
    record Result(int exitCode, String output) {}

    private final List<String> command;

    private ComposeTool(List<String> command) {
        this.command = command;
    }

    /** The compose to use, or the test is skipped with the reason. */
    static ComposeTool required() {
        Optional<List<String>> found = find();
        assumeTrue(
                found.isPresent(),
                "docker-compose not found (neither $DOCKER_COMPOSE, docker-compose on the PATH nor"
                        + " the 'docker compose' plugin): compose's own check of docker-compose.yml is skipped. Install it: Debian"
                        + " 'apt-get install docker-compose', or run .ci/run, which unpacks it under .local/tools.");
        return new ComposeTool(found.get());
    }

    private static Optional<List<String>> find() {
        String configured = System.getenv("DOCKER_COMPOSE");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(List.of(configured)) : Optional.empty();
        }
        Optional<Path> standalone = onPath("docker-compose");
        if (standalone.isPresent()) {
            return Optional.of(List.of(standalone.get().toString()));
        }
        Optional<Path> docker = onPath("docker");
        if (docker.isPresent()) {
            List<String> plugin = List.of(docker.get().toString(), "compose");
            try {
                if (new ComposeTool(plugin)
                                .run(Path.of("."), Map.of(), "version")
                                .exitCode()
                        == 0) {
                    return Optional.of(plugin);
                }
            } catch (IOException | InterruptedException | IllegalStateException noPlugin) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs compose in the directory with the inherited environment changed by {@code variables}: a name mapped to
     * {@code null} is removed, so that the operator's own settings cannot make a test pass.
     */
    Result run(Path directory, Map<String, String> variables, String... args) throws IOException, InterruptedException {
        List<String> commandLine = new ArrayList<>(command);
        commandLine.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(commandLine).directory(directory.toFile()).redirectErrorStream(true);
        variables.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        // Its output is small; reading it to the end is also what lets it exit.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", commandLine) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
