package io.onsale.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own rule checker, found as {@code $PROMTOOL} or on the PATH. Tests that need it are skipped, saying how
 * to install it, where it is absent (Debian: {@code apt-get install prometheus} ships it; .ci/run installs it).
 */
final class Promtool {

    /** What promtool printed and how it exited. */
    record Result(int exitCode, String output) {}

    private final Path binary;

    private Promtool(Path binary) {
        this.binary = binary;
    }

    /** The promtool to use, or the test is skipped with the reason. */
    static Promtool required() {
        Optional<Path> found = find();
        assumeTrue(
                found.isPresent(),
                "promtool not found (neither $PROMTOOL nor on the PATH): the Prometheus rule tests are"
                        + " skipped. Install it: Debian/Ubuntu 'apt-get install prometheus' (or 'apt-get download prometheus &&"
                        + " dpkg -x prometheus_*.deb DIR', then PROMTOOL=DIR/usr/bin/promtool), or a release from prometheus.io.");
        return new Promtool(found.get());
    }

    static Optional<Path> find() {
        String configured = System.getenv("PROMTOOL");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool"))) {
                return Optional.of(Path.of(dir, "promtool"));
            }
        }
        return Optional.empty();
    }

    Result run(Path workingDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .start();
        // Its output is small; reading it to the end is also what lets it exit.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
