package io.onsale.queue.app;

import io.onsale.kafka.app.StreamsLauncher;
import io.onsale.queue.topology.WaitingRoomTopology;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The waiting room on its own. It runs under its own application id ({@value #APPLICATION_ID} unless configured),
 * never the reservation engine's: the two topologies are different apps and must not share a consumer group or
 * state. Configuration as for every app (defaults, then the properties file in {@code args[0]}, then
 * {@code ONSALE_KAFKA_*} environment), with the waiting room's own defaults for the application id and state dir.
 */
public final class WaitingRoomApp {

    public static final String APPLICATION_ID = "onsale-waiting-room";
    static final Map<String, String> OWN_DEFAULTS = Map.of(
            "onsale.kafka.application-id", APPLICATION_ID, "onsale.kafka.state-dir", ".local/state/waiting-room");

    private WaitingRoomApp() {}

    public static void main(String[] args) throws Exception {
        StreamsLauncher.run("waiting-room", WaitingRoomTopology::build, new String[] {
            withOwnDefaults(args.length > 0 ? Path.of(args[0]) : null).toString()
        });
    }

    /** A properties file holding the waiting room's defaults overlaid by the given file (which wins), for the launcher. */
    static Path withOwnDefaults(Path given) throws IOException {
        Properties merged = new Properties();
        merged.putAll(OWN_DEFAULTS);
        if (given != null) {
            try (Reader reader = Files.newBufferedReader(given)) {
                merged.load(reader);
            }
        }
        Path file = Files.createTempFile("waiting-room-", ".properties");
        file.toFile().deleteOnExit();
        try (Writer writer = Files.newBufferedWriter(file)) {
            merged.store(writer, "waiting-room defaults overlaid by " + (given == null ? "nothing" : given));
        }
        return file;
    }
}
