package io.onsale.organizer.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code queue <eventId> --admit-rate N --target-shoppers N}: the live waiting room's metering. */
@Command(
        name = "queue",
        mixinStandardHelpOptions = true,
        description = {
            "Change the waiting room's admit rate or active-shopper target, live.",
            "What is not given stays as it is."
        })
public final class QueuePolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EdgeOptions edge;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    @Option(
            names = "--admit-rate",
            paramLabel = "PER_SECOND",
            description = "at most this many buyers admitted per second")
    Integer admitRate;

    @Option(names = "--target-shoppers", paramLabel = "N", description = "keep about this many buyers shopping at once")
    Integer targetShoppers;

    private final Map<String, String> env;

    public QueuePolicyCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (admitRate == null && targetShoppers == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give --admit-rate, --target-shoppers or both" + " (pause and resume are commands of their own)");
        }
        atLeastOne("--admit-rate", admitRate);
        atLeastOne("--target-shoppers", targetShoppers);
        ObjectNode change = EdgeClient.JSON.createObjectNode();
        if (admitRate != null) {
            change.put("maxAdmitRatePerSecond", admitRate);
        }
        if (targetShoppers != null) {
            change.put("targetActiveShoppers", targetShoppers);
        }
        return edge.exchange(
                spec,
                env,
                client -> QueueChanges.send(
                        client,
                        eventId,
                        change,
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr()));
    }

    private void atLeastOne(String option, Integer value) {
        if (value != null && value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be 1 or more, got " + value);
        }
    }
}
