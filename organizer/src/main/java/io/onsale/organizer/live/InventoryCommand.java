package io.onsale.organizer.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inventory <eventId> --kill … --restore … --capacity ZONE=N}: seats and zones off sale and back, live. */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = {
            "Take seats or zones off sale or back, change zones' capacities, live, in one change.",
            "Tickets already held or sold stay with their buyers."
        })
public final class InventoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EdgeOptions edge;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    @Option(names = "--kill", split = ",", paramLabel = "UNIT", description = "seat or zone ids to take off sale")
    List<String> kill = new ArrayList<>();

    @Option(names = "--restore", split = ",", paramLabel = "UNIT", description = "seat or zone ids to put back on sale")
    List<String> restore = new ArrayList<>();

    @Option(names = "--capacity", paramLabel = "ZONE=N", description = "a zone's new capacity (repeatable)")
    Map<String, Integer> capacity = new LinkedHashMap<>();

    @Option(
            names = "--if-match",
            paramLabel = "VERSION",
            description = "apply only if the event's config is still at this version (an ETag the edge gave)")
    String ifMatch;

    private final Map<String, String> env;

    public InventoryCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (kill.isEmpty() && restore.isEmpty() && capacity.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "nothing to change: give --kill, --restore or --capacity");
        }
        return edge.exchange(
                spec,
                env,
                client -> InventoryChanges.send(
                        client,
                        eventId,
                        InventoryChanges.body(kill, restore, capacity),
                        ifMatch,
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr()));
    }
}
