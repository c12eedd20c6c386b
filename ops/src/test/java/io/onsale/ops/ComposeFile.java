package io.onsale.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's docker-compose.yml as compose reads it before interpolation: anchors and merge keys ({@code <<})
 * resolved (SnakeYAML does, Jackson's YAML does not), {@code ${...}} left as written. Relative paths in it are relative
 * to the repository root, as for compose.
 */
final class ComposeFile {

    static final String FILE_NAME = "docker-compose.yml";

    private final Path root;
    private final Map<String, Object> document;

    private ComposeFile(Path root, Map<String, Object> document) {
        this.root = root;
        this.document = document;
    }

    static ComposeFile load(Path root) throws IOException {
        try (Reader reader = Files.newBufferedReader(root.resolve(FILE_NAME))) {
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new ComposeFile(root, document);
        }
    }

    Path root() {
        return root;
    }

    List<Service> services() {
        List<Service> services = new ArrayList<>();
        map(document.get("services")).forEach((name, definition) -> services.add(new Service(name, map(definition))));
        return services;
    }

    Service service(String name) {
        return services().stream()
                .filter(service -> service.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(FILE_NAME + " has no service " + name));
    }

    Set<String> declaredVolumes() {
        return map(document.get("volumes")).keySet();
    }

    /** One service's definition, read in every syntax compose accepts for it. */
    record Service(String name, Map<String, Object> definition) {

        /** The environment as written: {@code KEY: value} or {@code - KEY=value}. */
        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            Object written = definition.get("environment");
            if (written instanceof Map<?, ?> entries) {
                entries.forEach((key, value) ->
                        environment.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
            } else if (written instanceof List<?> entries) {
                for (Object entry : entries) {
                    String[] pair = String.valueOf(entry).split("=", 2);
                    environment.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
            }
            return environment;
        }

        Optional<String> image() {
            return Optional.ofNullable(definition.get("image")).map(String::valueOf);
        }

        /** The build context, if the image is built here ({@code build: dir} or {@code build: {context: dir}}). */
        Optional<String> buildContext() {
            Object build = definition.get("build");
            if (build == null) {
                return Optional.empty();
            }
            return Optional.of(
                    build instanceof Map<?, ?> settings
                            ? String.valueOf(settings.get("context"))
                            : String.valueOf(build));
        }

        /** The Dockerfile, relative to the build context as compose takes it ({@code Dockerfile} unless named). */
        Optional<String> dockerfile() {
            if (buildContext().isEmpty()) {
                return Optional.empty();
            }
            Object dockerfile =
                    definition.get("build") instanceof Map<?, ?> settings ? settings.get("dockerfile") : null;
            return Optional.of(dockerfile == null ? "Dockerfile" : String.valueOf(dockerfile));
        }

        /** The services this one waits for: {@code depends_on: [a, b]} or {@code depends_on: {a: {condition: ...}}}. */
        List<String> dependsOn() {
            Object dependsOn = definition.get("depends_on");
            if (dependsOn instanceof Map<?, ?> entries) {
                return entries.keySet().stream().map(String::valueOf).toList();
            }
            if (dependsOn instanceof List<?> entries) {
                return entries.stream().map(String::valueOf).toList();
            }
            return List.of();
        }

        /** Volumes: {@code source:target[:mode]} or {@code {source: ..., target: ...}}. */
        List<Mount> mounts() {
            List<Mount> mounts = new ArrayList<>();
            if (definition.get("volumes") instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> settings) {
                        mounts.add(new Mount(
                                String.valueOf(settings.get("source")), String.valueOf(settings.get("target"))));
                    } else {
                        String[] parts = String.valueOf(entry).split(":");
                        mounts.add(parts.length == 1 ? new Mount("", parts[0]) : new Mount(parts[0], parts[1]));
                    }
                }
            }
            return mounts;
        }

        /** The ports published on the docker host: {@code [ip:]host:container[/proto]} or {@code {published: ...}}. */
        List<String> hostPorts() {
            List<String> published = new ArrayList<>();
            if (definition.get("ports") instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> settings) {
                        if (settings.get("published") != null) {
                            published.add(String.valueOf(settings.get("published")));
                        }
                    } else {
                        String[] parts =
                                String.valueOf(entry).replaceFirst("/.*$", "").split(":");
                        if (parts.length > 1) {
                            published.add(parts[parts.length - 2]);
                        }
                    }
                }
            }
            return published;
        }

        /** The health check's command as one string ({@code ["CMD-SHELL", "..."]} or a plain string). */
        String healthcheck() {
            if (definition.get("healthcheck") instanceof Map<?, ?> settings) {
                Object test = settings.get("test");
                return test instanceof List<?> parts
                        ? String.join(" ", parts.stream().map(String::valueOf).toList())
                        : String.valueOf(test);
            }
            return "";
        }
    }

    /** A volume of a service: a named volume, or a bind mount of a host path ({@code ./...}, {@code /...}). */
    record Mount(String source, String target) {
        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
        }

        boolean isNamedVolume() {
            return !source.isEmpty() && !isBind();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }
}
