package io.onsale.organizer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real command line in-process and keeps what it printed, for assertions on exact output and exit codes. */
public final class Cli {

    /** One run: its exit code, stdout and stderr. */
    public record Run(int exitCode, String out, String err) {}

    private Cli() {}

    public static Run run(Map<String, String> env, String... args) {
        CommandLine commandLine = OrganizerCli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    public static Run run(String... args) {
        return run(Map.of(), args);
    }
}
