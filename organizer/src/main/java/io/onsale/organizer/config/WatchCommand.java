package io.onsale.organizer.config;

import io.onsale.organizer.Exit;
import io.onsale.organizer.config.Readiness.ConfigRecord;
import io.onsale.organizer.config.Readiness.Verdict;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code watch <eventId>}: the engine's verdict on the event's newest config. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Wait for the engine's verdict on the event's newest config: READY or REJECTED.",
            "READY: it is in the event catalogue and orders are decided with it; REJECTED: with every problem."
        })
public final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    private final Map<String, String> env;

    public WatchCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Readiness readiness =
                new Readiness(kafka.bootstrap(env), kafka.topics(env), kafka.timeout(), Clock.systemUTC())) {
            Optional<ConfigRecord> latest = readiness.latestConfig(eventId);
            if (latest.isEmpty()) {
                err.println("event '" + eventId + "' has no config in "
                        + kafka.topics(env).eventConfig().name() + ": apply one first (organizer apply FILE)");
                return Exit.REFUSED;
            }
            out.println("watching event '" + eventId + "': config at "
                    + latest.get().partition() + " offset " + latest.get().offset());
            out.flush();
            return report(readiness.await(eventId, latest.get(), kafka.timeout()), out, err);
        } catch (UnavailableException e) {
            err.println("organizer: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
    }

    static int report(Verdict verdict, PrintWriter out, PrintWriter err) {
        if (verdict instanceof Verdict.Ready ready) {
            out.println("READY: " + ValidateCommand.summary(ready.config()));
            return Exit.OK;
        }
        if (verdict instanceof Verdict.Rejected rejected) {
            err.println("REJECTED by the engine (nothing of it is on sale):");
            rejected.problems().forEach(problem -> err.println("  " + problem));
            return Exit.REFUSED;
        }
        err.println("UNDECIDED: " + ((Verdict.Undecided) verdict).why());
        return Exit.UNAVAILABLE;
    }
}
