package io.onsale.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code wrk} (the HTTP load tool, Debian package {@code wrk}) and what it printed: requests, seconds,
 * requests per second, the latency percentiles of {@code --latency}, socket errors, and the counters our Lua scripts
 * print ({@code NAME key=value ...}).
 */
record WrkRun(
        long requests,
        double seconds,
        double requestsPerSecond,
        Map<String, Double> latencyMillis,
        long non2xx,
        long socketErrors,
        Map<String, Long> counters,
        double firstReadyToLastDoneSeconds,
        String output) {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s+(\\d+(?:\\.\\d+)?)%\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern COUNTER = Pattern.compile("([\\w.]+)=(\\d+)");
    private static final Pattern THREAD_LATENCY = Pattern.compile(
            "^\\s+Latency\\s+[\\d.]+(?:us|ms|s|m)\\s+[\\d.]+(?:us|ms|s|m)\\s+([\\d.]+)(us|ms|s|m)", Pattern.MULTILINE);

    /** wrk on the edge's liveness probe (no Kafka, no token, no JSON body to read): what this machine serves at all. */
    static WrkRun liveness(String baseUrl, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        // The edge's own floor (GET /ping: no limits, token, routing or actuator), not Spring's actuator.
        return run(baseUrl + "/ping", threads, connections, seconds, null, List.of(), Duration.ofSeconds(10));
    }

    /** The figures of a report: requests, seconds, rate, latency percentiles (and max), errors, the script's counters. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("requests", requests);
        summary.put("seconds", seconds);
        summary.put("requestsPerSecond", Math.round(requestsPerSecond));
        summary.put("latencyMillis", latencyMillis);
        summary.put("non2xx", non2xx);
        summary.put("socketErrors", socketErrors);
        summary.put("answers", counters);
        return summary;
    }

    static WrkRun run(
            String baseUrl,
            int threads,
            int connections,
            int seconds,
            Path script,
            List<String> scriptArgs,
            Duration timeout)
            throws IOException, InterruptedException {
        return run(baseUrl, threads, connections, seconds, script, scriptArgs, timeout, null);
    }

    /**
     * @param progress where the script appends "ready" per thread once set up and "done" per thread once its work is
     *                 answered (or null): wrk is stopped (SIGINT, it then prints its summary) when every thread is done,
     *                 and the time from the last ready to the last done is the run's measured time
     */
    static WrkRun run(
            String baseUrl,
            int threads,
            int connections,
            int seconds,
            Path script,
            List<String> scriptArgs,
            Duration timeout,
            Path progress)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                timeout.toSeconds() + "s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(baseUrl);
        if (!scriptArgs.isEmpty()) {
            command.add("--");
            command.addAll(scriptArgs);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run wrk (install it: apt-get install wrk): " + e.getMessage(), e);
        }
        java.util.concurrent.CompletableFuture<byte[]> printed =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return process.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        double measured = Double.NaN;
        if (progress != null) {
            measured = awaitDone(process, progress, threads, seconds);
        }
        String output = new String(printed.join(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
        }
        WrkRun parsed = parse(output);
        return new WrkRun(
                parsed.requests(),
                parsed.seconds(),
                parsed.requestsPerSecond(),
                parsed.latencyMillis(),
                parsed.non2xx(),
                parsed.socketErrors(),
                parsed.counters(),
                measured,
                output);
    }

    /**
     * Polls the progress file every 20 ms; once every thread is done, or nothing more was answered for {@link #STALL}
     * (wrk timed requests out: they are never answered to the script), interrupts wrk. Seconds from the last ready
     * to the last answer seen.
     */
    private static double awaitDone(Process process, Path progress, int threads, int seconds)
            throws IOException, InterruptedException {
        long readyAt = 0;
        long answered = -1;
        long lastAnswerAt = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (process.isAlive() && System.nanoTime() < deadline) {
            List<String> lines = Files.exists(progress) ? Files.readAllLines(progress) : List.of();
            long now = System.nanoTime();
            if (readyAt == 0 && lines.stream().filter("ready"::equals).count() >= threads) {
                readyAt = now;
                lastAnswerAt = now;
            }
            long total = answeredSoFar(lines);
            if (total > answered) {
                answered = total;
                lastAnswerAt = now;
            }
            boolean done = lines.stream().filter("done"::equals).count() >= threads;
            if (readyAt != 0 && (done || now - lastAnswerAt > STALL.toNanos())) {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                        .start()
                        .waitFor();
                return (lastAnswerAt - readyAt) / 1e9;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("wrk's threads did not all finish within " + seconds + " s (progress: "
                + (Files.exists(progress) ? Files.readAllLines(progress) : List.of()) + ")");
    }

    /** Longer than wrk's request timeout of the runs that use a progress file. */
    static final Duration STALL = Duration.ofSeconds(20);

    /** The sum over threads of each thread's latest "answered <thread> <n>". */
    static long answeredSoFar(List<String> lines) {
        Map<String, Long> perThread = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("answered")) {
                perThread.merge(parts[1], Long.parseLong(parts[2]), Math::max);
            }
        }
        return perThread.values().stream().mapToLong(Long::longValue).sum();
    }

    static WrkRun parse(String output) {
        Matcher requests = REQUESTS.matcher(output);
        Matcher rate = RATE.matcher(output);
        if (!requests.find() || !rate.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + output);
        }
        Map<String, Double> latency = new LinkedHashMap<>();
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            latency.put("p" + percentile.group(1).replace(".0", ""), millis(percentile.group(2), percentile.group(3)));
        }
        Matcher max = THREAD_LATENCY.matcher(output);
        if (max.find()) {
            latency.put("max", millis(max.group(1), max.group(2)));
        }
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.matches("^[A-Z_]+ .*")) {
                String name = line.substring(0, line.indexOf(' '));
                Matcher counter = COUNTER.matcher(line);
                while (counter.find()) {
                    counters.put(name + "." + counter.group(1), Long.parseLong(counter.group(2)));
                }
            }
        }
        return new WrkRun(
                Long.parseLong(requests.group(1)),
                millis(requests.group(2), requests.group(3)) / 1000.0,
                Double.parseDouble(rate.group(1)),
                latency,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socketErrors,
                counters,
                Double.NaN,
                output);
    }

    /** A script of the jar's {@code wrk/} resources, written where wrk can read it. */
    static Path script(String name, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        try (InputStream in = WrkRun.class.getResourceAsStream("/wrk/" + name)) {
            if (in == null) {
                throw new IOException("no wrk script " + name + " in the bench jar");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static double millis(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> number / 1000.0;
            case "ms" -> number;
            case "s" -> number * 1000.0;
            case "m" -> number * 60_000.0;
            default -> throw new IllegalArgumentException("unknown wrk unit " + unit);
        };
    }
}
