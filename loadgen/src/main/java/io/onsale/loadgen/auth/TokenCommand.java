package io.onsale.loadgen.auth;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Prints one token, for trying the edge by hand with curl. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a signed token for one buyer or one organizer (valid for one hour).",
        footer = {"", "Example:", "  curl -H \"Authorization: Bearer $(java -jar loadgen.jar token --buyer alice)\" \\",
                "       http://127.0.0.1:8080/api/events/demo-1"})
public final class TokenCommand implements Callable<Integer> {

    static final class Subject {
        @Option(names = "--buyer", paramLabel = "<buyerId>", required = true,
                description = "Mint a BUYER token with this subject.")
        String buyer;

        @Option(names = "--organizer", paramLabel = "<organizerId>", required = true,
                description = "Mint an ORGANIZER token with this subject.")
        String organizer;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Mixin
    IdentityOptions identity;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public TokenCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        TokenMinter minter;
        try {
            minter = identity.minter(env, clock);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String token = subject.buyer != null
                ? minter.mint(subject.buyer, Role.BUYER)
                : minter.mint(subject.organizer, Role.ORGANIZER);
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return 0;
    }
}
