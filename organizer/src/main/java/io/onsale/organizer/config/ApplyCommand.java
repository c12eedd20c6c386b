package io.onsale.organizer.config;

import io.onsale.organizer.Exit;
import io.onsale.organizer.config.EventConfigProducer.Applied;
import io.onsale.organizer.config.Readiness.ConfigRecord;
import io.onsale.reservations.config.EventConfigValidator;
import io.onsale.schema.config.EventConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code apply <file>}: validate, then produce to {@code event-config} as the edge's PUT would; with {@code --watch},
 * wait for the engine's verdict. An invalid file is never produced: the engine would only dead-letter it. The config
 * records its owner: {@code --owner}, else the subject of the organizer's token, else the file's {@code owner}.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Validate an event config file, then produce it to the event-config topic.",
            "The record's key is the event id, its value the config in the platform's encoding (docs/event-config.md).",
            "A new config for an existing event replaces it (holds and sales stay with their buyers)."
        })
public final class ApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "FILE", description = "the event config, .json, .yaml or .yml")
    Path file;

    @Option(names = "--event-id", paramLabel = "ID", description = "the event id, when the file has none")
    String eventId;

    @Option(names = "--watch", description = "then wait until the engine says READY or REJECTED (up to --timeout)")
    boolean watch;

    @Option(
            names = "--owner",
            paramLabel = "ORGANIZER",
            description = {
                "the organizer who owns the event: only they (or an admin) change it through the edge, and the"
                        + " engine refuses a config naming another owner than the one in force.",
                "Default: the subject of --token or $ONSALE_TOKEN (the token the live commands use), else the file's"
                        + " owner"
            })
    String owner;

    @Option(
            names = "--token",
            paramLabel = "JWT",
            description = "an organizer's bearer token whose subject owns the event (default: $ONSALE_TOKEN)")
    String token;

    private final Map<String, String> env;

    public ApplyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EventConfig config = ValidateCommand.check(file, eventId, out, err);
        if (config == null) {
            err.println("nothing was produced");
            return Exit.REFUSED;
        }
        String owning = owner != null
                ? owner
                : TokenSubject.of(token != null ? token : env.get("ONSALE_TOKEN"))
                        .orElse(config.getOwner());
        config.setOwner(owning);
        List<EventConfigValidator.Problem> problems = EventConfigValidator.problems(config);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("  " + problem.field() + ": " + problem.message()));
            err.println("nothing was produced");
            return Exit.REFUSED;
        }
        if (owning == null) {
            out.println("note: event '" + config.getEventId() + "' has no owner: only an administrator can change it"
                    + " through the edge (give --owner, or an organizer's token in --token or ONSALE_TOKEN)");
        }
        Applied applied;
        try (EventConfigProducer producer =
                new EventConfigProducer(kafka.bootstrap(env), kafka.topics(env), kafka.timeout())) {
            applied = producer.apply(config);
        } catch (UnavailableException e) {
            err.println("organizer: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
        out.println("produced event '" + config.getEventId() + "' to " + applied.partition() + " at offset "
                + applied.offset() + " (" + applied.valueBytes() + " bytes)");
        if (!watch) {
            out.println("the engine decides it in a moment: organizer watch " + config.getEventId());
            return Exit.OK;
        }
        try (Readiness readiness =
                new Readiness(kafka.bootstrap(env), kafka.topics(env), kafka.timeout(), Clock.systemUTC())) {
            return WatchCommand.report(
                    readiness.await(
                            config.getEventId(),
                            new ConfigRecord(applied.partition(), applied.offset(), config),
                            kafka.timeout()),
                    out,
                    err);
        } catch (UnavailableException e) {
            err.println("organizer: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
    }
}
