package io.onsale.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cpu profile in async-profiler's collapsed format (one line per stack: {@code [thread];frame;frame... samples}),
 * summed the two ways the fast-holds work read it: cores per thread group (digits in thread names folded, so the 12
 * event loops or 2 GC workers are one line) and the share of samples whose stack passes through each of the
 * project's own methods.
 */
record CpuProfile(long samples, double seconds, Map<String, Long> byThreadGroup, Map<String, Long> byOwnMethod) {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DIGITS = Pattern.compile("[-#]?\\d+");
    private static final String OWN_PACKAGE = "io/onsale/";

    static CpuProfile read(Path collapsed, double seconds) throws IOException {
        try (Stream<String> lines = Files.lines(collapsed)) {
            return of(lines.toList(), seconds);
        }
    }

    static CpuProfile of(List<String> lines, double seconds) {
        long total = 0;
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException notAStack) {
                continue;
            }
            total += count;
            String[] frames = line.substring(0, space).split(";");
            threads.merge(threadGroup(frames[0]), count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                if (frame.startsWith(OWN_PACKAGE) && !frame.contains("$$Lambda") && seen.add(frame)) {
                    own.merge(frame.replace('/', '.'), count, Long::sum);
                }
            }
        }
        return new CpuProfile(total, seconds, sorted(threads), sorted(own));
    }

    /** {@code [reactor-http-epoll-3 tid=123]} → {@code reactor-http-epollN}; a Streams client id's UUID → {@code *}. */
    static String threadGroup(String first) {
        String name = first.startsWith("[") && first.endsWith("]") ? first.substring(1, first.length() - 1) : first;
        int tid = name.lastIndexOf(" tid=");
        if (tid >= 0) {
            name = name.substring(0, tid);
        }
        return DIGITS.matcher(UUID.matcher(name).replaceAll("*")).replaceAll("N");
    }

    /** Cores a group used over the profile, at one sample per millisecond of cpu. */
    double cores(long groupSamples, long intervalNanos) {
        return groupSamples * (intervalNanos / 1e9) / seconds;
    }

    String table(long intervalNanos, int rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%,d samples over %.0f s: %.2f cores%n", samples, seconds, cores(samples, intervalNanos)));
        out.append("cores  thread group\n");
        byThreadGroup.entrySet().stream()
                .limit(rows)
                .forEach(group -> out.append(
                        String.format("%5.2f  %s%n", cores(group.getValue(), intervalNanos), group.getKey())));
        out.append("share of samples  through the project's method\n");
        byOwnMethod.entrySet().stream()
                .limit(rows)
                .forEach(method -> out.append(String.format(
                        "%15.1f%%  %s%n", 100.0 * method.getValue() / Math.max(1, samples), method.getKey())));
        return out.toString();
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
