package io.onsale.loadgen;

import io.onsale.loadgen.auth.TokenCommand;
import io.onsale.loadgen.plot.PlotCommand;
import io.onsale.loadgen.race.RaceCommand;
import io.onsale.loadgen.simulate.SimulateCommand;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Entry point: {@code java -jar loadgen.jar simulate|race|token|plot …}. */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        versionProvider = Loadgen.Version.class,
        description = "Drives the onsale edge over HTTP. Local development and demos only.",
        commandListHeading = "%nCommands:%n")
public final class Loadgen implements Callable<Integer> {

    /** Same code picocli uses for bad options, so "could not run" is one exit code for scripts. */
    static final int COULD_NOT_RUN = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), Clock.systemUTC()).execute(args));
    }

    static CommandLine commandLine(Map<String, String> env, Clock clock) {
        CommandLine commandLine = new CommandLine(new Loadgen())
                .addSubcommand(new SimulateCommand(env, clock))
                .addSubcommand(new RaceCommand(env, clock))
                .addSubcommand(new TokenCommand(env, clock))
                .addSubcommand(new PlotCommand());
        // Exit 1 is reserved for a failed audit; a crash must not look like one.
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("loadgen: internal error: " + e);
            e.printStackTrace(cl.getErr());
            cl.getErr().flush();
            return COULD_NOT_RUN;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: simulate, race, token or plot");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Loadgen.class.getPackage().getImplementationVersion();
            return new String[] {"loadgen " + (version == null ? "(development build)" : version)};
        }
    }
}
