package io.onsale.organizer.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capacity <eventId> ZONE=N…}: general-admission zones' capacities, live. */
@Command(
        name = "capacity",
        mixinStandardHelpOptions = true,
        description = {
            "Change general-admission zones' capacities, live (ZONE=N ...).",
            "The edge refuses a capacity below what is already held and sold (409 CAPACITY_BELOW_TAKEN)."
        })
public final class CapacityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EdgeOptions edge;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ZONE=N", description = "a zone id and its new capacity")
    Map<String, Integer> capacity;

    @Option(
            names = "--if-match",
            paramLabel = "VERSION",
            description = "apply only if the event's config is still at this version (an ETag the edge gave)")
    String ifMatch;

    private final Map<String, String> env;

    public CapacityCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        return edge.exchange(
                spec,
                env,
                client -> InventoryChanges.send(
                        client,
                        eventId,
                        InventoryChanges.body(List.of(), List.of(), capacity),
                        ifMatch,
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr()));
    }
}
