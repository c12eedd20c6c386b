package io.onsale.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The environment variables each of the project's runnable jars takes as settings, read from where those settings are
 * declared, so that a variable given to a container that nothing reads (a typo, a renamed setting) is found before a
 * deployment runs on a default without anyone noticing.
 */
final class AppSettings {

    static final String EDGE_JAR = "api-edge/target/api-edge.jar";
    static final String ENGINE_JAR = "streams-reservations/target/engine.jar";
    static final String WAITING_ROOM_JAR = "streams-queue/target/waiting-room.jar";
    static final String LOADGEN_JAR = "loadgen/target/loadgen.jar";

    private static final Pattern STREAMS_KEY = Pattern.compile("\"(onsale\\.[a-z0-9.-]+)\"");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("\"(ONSALE_[A-Z0-9_]+)\"");

    private AppSettings() {}

    /** The variables the jar (a path from the repository root) reads; none for anything else. */
    static Set<String> environmentNames(Path root, String jar) throws IOException {
        return switch (jar) {
            case EDGE_JAR -> springSettings(root.resolve("api-edge/src/main/resources"));
            // The standalone apps load StreamsAppConfig: its DEFAULTS hold every key they read.
            case ENGINE_JAR, WAITING_ROOM_JAR ->
                streamsSettings(root.resolve("schemas/src/main/java/io/onsale/kafka/app/StreamsAppConfig.java"));
            // loadgen's commands read their few variables by name (IdentityOptions.SECRET_ENV, ...).
            case LOADGEN_JAR -> literalNames(root.resolve("loadgen/src/main/java"));
            default -> Set.of();
        };
    }

    /** Every key of the edge's application*.yaml, in both environment forms Spring binds. */
    private static Set<String> springSettings(Path resources) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(resources)) {
            for (Path file : files.filter(path -> path.getFileName().toString().matches("application.*\\.ya?ml"))
                    .toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
                    collectKeys("", document, names);
                }
            }
        }
        return names;
    }

    private static void collectKeys(String prefix, Object node, Set<String> names) {
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) ->
                    collectKeys(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, names));
        } else if (!prefix.contains("[")) {
            // Spring's canonical form drops dashes (ONSALE_KAFKA_BOOTSTRAPSERVERS); the form with underscores for
            // dashes
            // binds too, and is the one the README and StreamsAppConfig use.
            names.add(prefix.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
            names.add(prefix.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""));
        }
    }

    /** StreamsAppConfig's keys under its own rule: {@code onsale.kafka.state-dir} → {@code ONSALE_KAFKA_STATE_DIR}. */
    private static Set<String> streamsSettings(Path source) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher key = STREAMS_KEY.matcher(Files.readString(source));
        while (key.find()) {
            names.add(key.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return names;
    }

    private static Set<String> literalNames(Path sources) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher name = ENVIRONMENT_NAME.matcher(Files.readString(file));
                while (name.find()) {
                    names.add(name.group(1));
                }
            }
        }
        return names;
    }
}
