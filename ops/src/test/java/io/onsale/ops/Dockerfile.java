package io.onsale.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a Dockerfile takes and runs: its base images, what it copies from the build context, and the command it starts
 * ({@code ENTRYPOINT} then {@code CMD}). Enough of the format for the project's own Dockerfiles: comments, line
 * continuations, the exec (JSON) and shell forms; {@code COPY --from} (another stage) is not from the context.
 */
record Dockerfile(List<String> baseImages, List<Copy> copies, List<String> command) {

    /** {@code COPY src... dest}: sources relative to the build context. */
    record Copy(List<String> sources, String destination) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static Dockerfile parse(Path file) throws IOException {
        List<String> baseImages = new ArrayList<>();
        List<Copy> copies = new ArrayList<>();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        for (String instruction : instructions(Files.readAllLines(file))) {
            String[] keywordAndArguments = instruction.split("\\s+", 2);
            String keyword = keywordAndArguments[0].toUpperCase(Locale.ROOT);
            String arguments = keywordAndArguments.length > 1 ? keywordAndArguments[1].trim() : "";
            switch (keyword) {
                case "FROM" -> baseImages.add(arguments.split("\\s+")[0]);
                case "COPY", "ADD" -> {
                    List<String> words = words(arguments);
                    if (words.stream().noneMatch(word -> word.startsWith("--from"))) {
                        List<String> paths = words.stream()
                                .filter(word -> !word.startsWith("--"))
                                .toList();
                        copies.add(new Copy(paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1)));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = words(arguments);
                case "CMD" -> cmd = words(arguments);
                default -> {}
            }
        }
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        return new Dockerfile(List.copyOf(baseImages), List.copyOf(copies), List.copyOf(command));
    }

    /** The path after {@code -jar} in the command, if it starts a jar. */
    String startedJar() {
        int jar = command.indexOf("-jar");
        return jar >= 0 && jar + 1 < command.size() ? command.get(jar + 1) : "";
    }

    /** One string per instruction: continuation lines joined, comments and blank lines dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                instructions.add(current.append(trimmed).toString());
                current.setLength(0);
            }
        }
        return instructions;
    }

    /** {@code ["a", "b"]} (exec form) or {@code a b} (shell form, split on spaces). */
    private static List<String> words(String arguments) throws IOException {
        if (arguments.startsWith("[")) {
            return JSON.readValue(arguments, new TypeReference<List<String>>() {});
        }
        return Arrays.stream(arguments.split("\\s+"))
                .filter(word -> !word.isEmpty())
                .toList();
    }
}
