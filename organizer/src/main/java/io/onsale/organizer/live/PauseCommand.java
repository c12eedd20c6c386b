package io.onsale.organizer.live;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pause <eventId>}: the waiting room stops admitting; buyers keep their places. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = "Stop admitting buyers from the event's waiting room (they keep their places) until resume.")
public final class PauseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EdgeOptions edge;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    private final Map<String, String> env;

    public PauseCommand(Map<String, String> env) {
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
                        EdgeClient.JSON.createObjectNode().put("paused", true),
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr()));
    }
}
