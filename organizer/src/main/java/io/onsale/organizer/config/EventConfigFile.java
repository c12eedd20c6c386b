package io.onsale.organizer.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.onsale.reservations.config.EventConfigValidator;
import io.onsale.reservations.config.EventConfigValidator.Problem;
import io.onsale.schema.config.EventConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An event config file, JSON or YAML (by its extension), read and checked: first its shape against the
 * {@code EventConfig} schema, then the engine's own {@link EventConfigValidator} — what {@code apply} produces is
 * exactly what the engine will accept.
 */
public final class EventConfigFile {

    /** What a file holds: a config ready to produce, or why not (never both). */
    public record Checked(Path file, EventConfig config, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** The file cannot be read at all (missing, unreadable, not JSON or YAML); the message says where and why. */
    public static final class UnreadableFileException extends Exception {
        UnreadableFileException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private EventConfigFile() {}

    /**
     * @param eventId the event id to use when the file has none (the edge's PUT takes it from the path, and its example
     *                files leave it out); a file naming another one is a problem. {@code null}: the file must name it.
     */
    public static Checked check(Path file, String eventId) throws UnreadableFileException {
        JsonNode tree = parse(file);
        List<Problem> problems = new ArrayList<>();
        if (eventId != null && tree instanceof ObjectNode object) {
            JsonNode named = object.get("eventId");
            if (named == null) {
                object.put("eventId", eventId);
            } else if (!eventId.equals(named.asText())) {
                problems.add(
                        new Problem("eventId", "'" + named.asText() + "' differs from --event-id '" + eventId + "'"));
            }
        }
        EventConfig config = RecordFromJson.read(tree, EventConfig.class, problems);
        if (config != null && problems.isEmpty()) {
            problems.addAll(EventConfigValidator.problems(config));
        }
        return problems.isEmpty()
                ? new Checked(file, config, List.of())
                : new Checked(file, null, List.copyOf(problems));
    }

    private static JsonNode parse(Path file) throws UnreadableFileException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper;
        String format;
        if (name.endsWith(".json")) {
            mapper = JSON;
            format = "JSON";
        } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            mapper = YAML;
            format = "YAML";
        } else {
            throw new UnreadableFileException(
                    file + ": must end in .json, .yaml or .yml (the extension says how to read it)");
        }
        try {
            JsonNode tree = mapper.readTree(Files.readAllBytes(file));
            if (tree == null || tree.isMissingNode()) {
                throw new UnreadableFileException(file + ": is empty");
            }
            return tree;
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file + ": no such file");
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new UnreadableFileException(file + ": not valid " + format
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableFileException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
