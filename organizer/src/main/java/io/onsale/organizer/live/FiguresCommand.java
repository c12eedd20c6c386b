package io.onsale.organizer.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.onsale.organizer.Exit;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code figures <eventId>}: the sale as the edge shows it ({@code GET /api/events/{id}}): per section capacity, sold,
 * held and left (the engine's section summaries, at most half a second old), and the waiting room's numbers.
 */
@Command(
        name = "figures",
        mixinStandardHelpOptions = true,
        description = "The sale's figures: sold, held and left per section, and the waiting room (length, admit rate).")
public final class FiguresCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EdgeOptions edge;

    @Parameters(index = "0", paramLabel = "EVENT_ID")
    String eventId;

    @Option(names = "--json", description = "print the edge's JSON as it came")
    boolean json;

    private final Map<String, String> env;

    public FiguresCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EdgeClient.Answer answer;
        try {
            answer = edge.client(spec, env).get(EdgeClient.eventPath("/api/events/", eventId, ""));
        } catch (EdgeClient.EdgeUnavailableException e) {
            spec.commandLine().getErr().println("organizer: " + e.getMessage());
            return Exit.UNAVAILABLE;
        }
        if (!answer.ok()) {
            return Answers.failed(answer, spec.commandLine().getErr());
        }
        if (json) {
            out.println(answer.body().toPrettyString());
        } else {
            print(answer.body(), out);
        }
        return Exit.OK;
    }

    static void print(JsonNode event, PrintWriter out) {
        out.println(event.path("name").asText() + " (" + event.path("eventId").asText() + ") at "
                + event.path("venue").asText() + ", sale opens "
                + event.path("saleOpensAt").asText());
        String row = "%-16s %-18s %9s %9s %9s %9s%n";
        out.printf(row, "section", "kind", "capacity", "sold", "held", "left");
        long[] totals = new long[4];
        boolean allCounted = true;
        for (JsonNode section : event.path("sections")) {
            JsonNode availability = section.get("availability");
            if (availability == null) {
                // The engine has not counted this section yet (just configured, or its state is moving).
                allCounted = false;
                out.printf(
                        row,
                        section.path("sectionId").asText(),
                        section.path("kind").asText(),
                        "-",
                        "-",
                        "-",
                        "-");
                continue;
            }
            long[] figures = {
                availability.path("capacity").asLong(),
                availability.path("sold").asLong(),
                availability.path("held").asLong(),
                availability.path("available").asLong()
            };
            for (int i = 0; i < figures.length; i++) {
                totals[i] += figures[i];
            }
            out.printf(
                    row,
                    section.path("sectionId").asText(),
                    section.path("kind").asText(),
                    figures[0],
                    figures[1],
                    figures[2],
                    figures[3]);
        }
        out.printf(row, allCounted ? "total" : "total (counted)", "", totals[0], totals[1], totals[2], totals[3]);
        JsonNode queue = event.get("queue");
        if (queue == null) {
            out.println("waiting room: nobody has joined yet");
            return;
        }
        out.println("waiting room: " + queue.path("mode").asText()
                + (queue.path("paused").asBoolean() ? ", PAUSED" : "")
                + (queue.path("soldOut").asBoolean() ? ", SOLD OUT" : "")
                + "; " + queue.path("waiting").asLong() + " waiting, "
                + queue.path("activeShoppers").asLong()
                + " shopping, serving counter " + queue.path("servingCounter").asLong() + ", admitting "
                + String.format(
                        java.util.Locale.ROOT,
                        "%.1f",
                        queue.path("admitRatePerSecond").asDouble()) + "/s"
                + " (as of " + queue.path("updatedAt").asText() + ")");
    }
}
