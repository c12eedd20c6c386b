package io.onsale.organizer;

import io.onsale.organizer.config.ApplyCommand;
import io.onsale.organizer.config.ValidateCommand;
import io.onsale.organizer.config.WatchCommand;
import io.onsale.organizer.live.CapacityCommand;
import io.onsale.organizer.live.FiguresCommand;
import io.onsale.organizer.live.InventoryCommand;
import io.onsale.organizer.live.PauseCommand;
import io.onsale.organizer.live.QueuePolicyCommand;
import io.onsale.organizer.live.ResumeCommand;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Entry point: {@code java -jar organizer.jar validate|apply|watch|pause|resume|queue|capacity|inventory|figures …}. */
@Command(
        name = "organizer",
        mixinStandardHelpOptions = true,
        versionProvider = OrganizerCli.Version.class,
        description = {
            "Runs an on-sale from the command line.",
            "Event configs go to Kafka's event-config topic, as the engine reads them; live changes and figures go",
            "through the edge's organizer API.",
            "Exit codes: 0 done, 1 invalid or refused, 2 usage, 3 Kafka or the edge unavailable or too slow."
        },
        commandListHeading = "%nCommands:%n")
public final class OrganizerCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The whole CLI; {@code env} supplies defaults (ONSALE_TOKEN, ONSALE_EDGE_URL, …) so tests pass their own. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new OrganizerCli())
                .addSubcommand(new ValidateCommand())
                .addSubcommand(new ApplyCommand(env))
                .addSubcommand(new WatchCommand(env))
                .addSubcommand(new PauseCommand(env))
                .addSubcommand(new ResumeCommand(env))
                .addSubcommand(new QueuePolicyCommand(env))
                .addSubcommand(new CapacityCommand(env))
                .addSubcommand(new InventoryCommand(env))
                .addSubcommand(new FiguresCommand(env));
        // A crash is not "your input is wrong": keep exit 1 for refusals.
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("organizer: internal error: " + e);
            e.printStackTrace(cl.getErr());
            cl.getErr().flush();
            return Exit.UNAVAILABLE;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing required command (validate, apply, watch, pause, resume,"
                        + " queue, capacity, inventory, figures)");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = OrganizerCli.class.getPackage().getImplementationVersion();
            return new String[] {"organizer " + (version == null ? "(development build)" : version)};
        }
    }
}
