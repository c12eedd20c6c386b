package io.onsale.organizer.live;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code resume <eventId>}: the waiting room admits again, at the policy in force. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = "Admit buyers from the event's waiting room again, at the policy in force.")
public final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EdgeOptions edge;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    private final Map<String, String> env;

    public ResumeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        return edge.exchange(
                spec,
                env,
                client -> QueueChanges.send(
                        client,
                        eventId,
                        EdgeClient.JSON.createObjectNode().put("paused", false),
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr()));
    }
}
