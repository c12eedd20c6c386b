package io.onsale.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point: {@code java -jar bench.jar baseline|engine …} against a running broker. Every run uses fresh topic
 * names and application ids and deletes them at the end. One class per command ({@code *Command}); the options they
 * share are in {@link BenchOptions}, the steps they share (Kafka baseline, report) in {@link BenchSteps}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Throughput and latency of the reservation engine, the waiting room and the edge, with the raw Kafka"
                        + " baseline measured in the same run.",
        subcommands = {
            BaselineCommand.class,
            EngineCommand.class,
            QueueCommand.class,
            QueueHttpCommand.class,
            HoldsHttpCommand.class,
            LatencyCommand.class,
            ProfileCommand.class
        },
        commandListHeading = "%nCommands:%n")
public final class Bench implements Callable<Integer> {

    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Bench());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("bench: failed: " + e.getMessage());
            e.printStackTrace(cl.getErr());
            cl.getErr().flush();
            return FAILED;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing required subcommand: baseline, engine, queue, queue-http, holds-http or latency");
    }
}
