package io.onsale.organizer.config;

import io.onsale.organizer.Exit;
import io.onsale.organizer.config.EventConfigFile.Checked;
import io.onsale.organizer.config.EventConfigFile.UnreadableFileException;
import io.onsale.schema.config.EventConfig;
import io.onsale.schema.config.Section;
import io.onsale.schema.config.SectionKind;
import io.onsale.schema.config.Zone;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate <file>}: the engine's rules, offline; nothing is produced. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Check an event config file (JSON or YAML) with the engine's own rules. Nothing is sent anywhere.")
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the event config, .json, .yaml or .yml")
    Path file;

    @Option(
            names = "--event-id",
            paramLabel = "ID",
            description = "the event id, when the file has none (like the edge's PUT /api/admin/events/{id} bodies)")
    String eventId;

    @Override
    public Integer call() {
        return check(
                                file,
                                eventId,
                                spec.commandLine().getOut(),
                                spec.commandLine().getErr())
                        == null
                ? Exit.REFUSED
                : Exit.OK;
    }

    /** Prints the verdict on a file; {@code null} when it cannot be produced (problems printed to {@code err}). */
    static EventConfig check(Path file, String eventId, PrintWriter out, PrintWriter err) {
        Checked checked;
        try {
            checked = EventConfigFile.check(file, eventId);
        } catch (UnreadableFileException e) {
            err.println(e.getMessage());
            return null;
        }
        if (!checked.valid()) {
            err.println(file + ": " + checked.problems().size()
                    + (checked.problems().size() == 1 ? " problem" : " problems"));
            checked.problems().forEach(problem -> err.println("  " + problem.field() + ": " + problem.message()));
            return null;
        }
        out.println(file + ": valid: " + summary(checked.config()));
        return checked.config();
    }

    /** "event 'my-show', 2 sections, 4 seats and 1 zone (200 places), sale opens 2026-01-01T10:00:00Z" */
    static String summary(EventConfig config) {
        int seats = 0;
        int zones = 0;
        long zonePlaces = 0;
        for (Section section : config.getSections()) {
            if (section.getKind() == SectionKind.RESERVED) {
                seats += section.getSeats().size();
            } else {
                zones += section.getZones().size();
                zonePlaces +=
                        section.getZones().stream().mapToLong(Zone::getCapacity).sum();
            }
        }
        return "event '" + config.getEventId() + "', "
                + plural(config.getSections().size(), "section") + ", "
                + plural(seats, "seat") + " and " + plural(zones, "zone") + " (" + zonePlaces + " places), sale opens "
                + config.getSaleOpensAt();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
