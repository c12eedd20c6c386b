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
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Print a signed token for one buyer, organizer or operator (valid for one hour).",
        footer = {
            "",
            "Example:",
            "  curl -H \"Authorization: Bearer $(java -jar loadgen.jar token --buyer alice)\" \\",
            "       http://127.0.0.1:8080/api/events/demo-1"
        })
public final class TokenCommand implements Callable<Integer> {

    static final class Subject {
        @Option(
                names = "--buyer",
                paramLabel = "<buyerId>",
                required = true,
                description = "Mint a BUYER token with this subject.")
        String buyer;

        @Option(
                names = "--organizer",
                paramLabel = "<organizerId>",
                required = true,
                description = "Mint an ORGANIZER token with this subject.")
        String organizer;

        @Option(
                names = "--operator",
                paramLabel = "<operatorId>",
                required = true,
                description = "Mint an OPERATOR token with this subject (the edge's operations dashboard).")
        String operator;
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
        String token;
        if (subject.buyer != null) {
            token = minter.mint(subject.buyer, Role.BUYER);
        } else if (subject.organizer != null) {
            token = minter.mint(subject.organizer, Role.ORGANIZER);
        } else {
            token = minter.mint(subject.operator, Role.OPERATOR);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return 0;
    }
}
