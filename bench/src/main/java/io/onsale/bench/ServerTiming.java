package io.onsale.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an HTTP {@code Server-Timing} header (W3C Server Timing): each metric's name and its {@code dur} in
 * milliseconds, e.g. {@code produce;dur=1.204, decide;dur=8.410;desc="engine, exactly-once"}.
 *
 * <p>Lenient on purpose: the header comes from an edge that may be older or newer than this bench, so a metric that
 * cannot be read is left out rather than failing the run, and the caller decides what a missing metric means. A
 * metric without a readable {@code dur} is left out too (the W3C processing model would call it 0 ms, which would
 * pull the percentiles down); only the first {@code dur} of a metric and the first metric of a name count, as in
 * that model. Values of other parameters ({@code desc}) may be quoted strings holding commas and semicolons, so
 * the header is split outside quotes only. Several header lines are one list: join them with commas first.
 */
final class ServerTiming {

    /** RFC 9110 token: what a metric or parameter name may be. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** A non-negative decimal, as the HTML floating-point rules the W3C spec points to read it. */
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private ServerTiming() {}

    /** Metric name → duration in ms, in header order; empty for {@code null}, blank or unreadable headers. */
    static Map<String, Double> parse(String header) {
        Map<String, Double> durations = new LinkedHashMap<>();
        if (header == null) {
            return durations;
        }
        for (String metric : splitOutsideQuotes(header, ',')) {
            List<String> parts = splitOutsideQuotes(metric, ';');
            String name = parts.get(0).trim();
            if (!TOKEN.matcher(name).matches() || durations.containsKey(name)) {
                continue;
            }
            Double duration = duration(parts.subList(1, parts.size()));
            if (duration != null) {
                durations.put(name, duration);
            }
        }
        return durations;
    }

    private static Double duration(List<String> params) {
        for (String param : params) {
            int equals = param.indexOf('=');
            String name = (equals < 0 ? param : param.substring(0, equals)).trim();
            if (!name.equalsIgnoreCase("dur")) {
                continue;
            }
            String value = equals < 0 ? "" : unquote(param.substring(equals + 1).trim());
            if (!DURATION.matcher(value).matches()) {
                return null;
            }
            double millis = Double.parseDouble(value);
            return Double.isFinite(millis) ? millis : null;
        }
        return null;
    }

    /** An unterminated quote runs to the end: what follows it is lost, what came before is kept. */
    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
}
