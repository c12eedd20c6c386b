package io.onsale.loadgen.race;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Accepts "10", "10s", "1.5s", "500ms", "2m" or ISO-8601 "PT10S": what people type, not only what Duration parses.
 * Shared by every command that takes a duration.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

    public DurationConverter() {}

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millis = "ms".equals(m.group(2)) ? amount : "m".equals(m.group(2)) ? amount * 60_000 : amount * 1000;
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (try 10s or 500ms)");
        }
    }
}
