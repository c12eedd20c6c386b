package io.onsale.connect.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sink connectors as checked in: one JSON file per connector in {@code connectors/sinks/}, named after the
 * connector, holding the body of Connect's {@code PUT /connectors/<name>/config}. What differs between a laptop, a
 * test and production (topic prefix, database address, replication factor) is a {@code ${variable}}; a variable
 * that is not given is an error, never an empty string.
 */
public final class SinkConfigs {

    /** One connector: its name and the config to submit. */
    public record Sink(String name, ObjectNode config) {}

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkConfigs() {}

    /** Every {@code *.json} in the folder, in name order, with its variables filled in. */
    public static List<Sink> load(Path folder, Map<String, String> variables) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sink configs in " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no sink configs (*.json) in " + folder.toAbsolutePath());
        }
        List<Sink> sinks = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            sinks.add(new Sink(name, parse(file, fill(read(file), variables, file))));
        }
        return List.copyOf(sinks);
    }

    /** The variables for topics named with a prefix: the prefix as is, and as a regular expression. */
    public static Map<String, String> topicVariables(String topicPrefix) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("topicPrefix", topicPrefix);
        // Prefixes hold only [a-z0-9.-] (Topics.Settings); a '.' must match itself in topics.regex.
        variables.put("topicPrefixRegex", topicPrefix.replace(".", "[.]"));
        return variables;
    }

    static String fill(String template, Map<String, String> variables, Path source) {
        Set<String> missing = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                value = "";
            }
            // Values go inside JSON strings: escape them as JSON would.
            String escaped = JSON.getNodeFactory().textNode(value).toString();
            matcher.appendReplacement(out, Matcher.quoteReplacement(escaped.substring(1, escaped.length() - 1)));
        }
        matcher.appendTail(out);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    source + " needs " + missing + "; given " + new TreeSet<>(variables.keySet()));
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static ObjectNode parse(Path file, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException(file + " must hold one JSON object (the connector's config)");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
