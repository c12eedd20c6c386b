package io.onsale.kafka.topics;

import java.util.List;

/** Existing topics differ from the catalogue in a way the provisioner must not silently repair. */
public class TopicMismatchException extends RuntimeException {

    private final List<String> mismatches;

    public TopicMismatchException(List<String> mismatches) {
        super("Existing topics do not match the topic catalogue:\n  - " + String.join("\n  - ", mismatches)
                + "\nChanging partitions re-keys live data and changing the cleanup policy changes what is kept;"
                + " fix the topic by hand (or use another topic prefix) and start again.");
        this.mismatches = List.copyOf(mismatches);
    }

    public List<String> mismatches() {
        return mismatches;
    }
}
