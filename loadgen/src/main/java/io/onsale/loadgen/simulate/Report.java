package io.onsale.loadgen.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onsale.loadgen.client.EventConfig.Section;
import io.onsale.loadgen.simulate.Metrics.Count;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The end of a run: a table for people and a JSON document for tools, from the same figures. */
final class Report {

    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final Simulation.Run run;

    Report(Simulation.Run run) {
        this.run = run;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        Metrics metrics = run.metrics();
        lines.add(String.format(
                "%-22s %8s %9s %9s %9s %9s %9s", "step (ms)", "count", "p50", "p90", "p99", "p99.9", "max"));
        for (Step step : Step.values()) {
            Histogram h = metrics.latency(step);
            if (h.getTotalCount() == 0) {
                continue;
            }
            lines.add(String.format(
                    "%-22s %8d %9.1f %9.1f %9.1f %9.1f %9.1f",
                    step.label,
                    h.getTotalCount(),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue())));
        }
        lines.add("");
        for (Count count : Count.values()) {
            long n = metrics.get(count);
            String extra = "";
            if (count == Count.REJECTED && n > 0) {
                extra = "  "
                        + metrics.rejectedByReason().entrySet().stream()
                                .map(e -> e.getKey() + " x" + e.getValue())
                                .collect(Collectors.joining(", "));
            } else if ((count == Count.TIMEOUTS || count == Count.TRANSPORT_ERRORS) && n > 0) {
                extra = "  "
                        + (count == Count.TIMEOUTS ? metrics.timeoutsByStep() : metrics.transportErrorsByStep())
                                .entrySet().stream()
                                        .map(e -> e.getKey().label + " x" + e.getValue())
                                        .collect(Collectors.joining(", "));
            } else if (count == Count.CLIENT_ERRORS && n > 0) {
                extra = "  "
                        + metrics.errorsByStatus().entrySet().stream()
                                .filter(e -> e.getKey() < 500)
                                .map(e -> e.getKey() + " x" + e.getValue())
                                .collect(Collectors.joining(", "));
            } else if (count == Count.SERVER_ERRORS && n > 0) {
                extra = "  "
                        + metrics.serverErrors().entrySet().stream()
                                .map(e -> e.getKey() + " x" + e.getValue())
                                .collect(Collectors.joining(", "));
            }
            lines.add(String.format("%-64s %8d%s", count.label, n, extra));
        }
        lines.add("");
        long[] perSecond = metrics.ticketsHeldPerSecond();
        long peak = 0;
        for (long n : perSecond) {
            peak = Math.max(peak, n);
        }
        double sellingSeconds = run.selling().toMillis() / 1000.0;
        lines.add(String.format(
                "sale: opened %s; tickets held %d and sold %d of %d; holds %.0f/s and tickets %.0f/s over"
                        + " %.1f s of selling, peak %d tickets in one second; %s; last hold in second %d after the opening",
                run.saleOpensAt(),
                metrics.get(Count.TICKETS_HELD),
                metrics.get(Count.TICKETS_SOLD),
                run.venue().capacity(),
                metrics.get(Count.HELD) / sellingSeconds,
                metrics.get(Count.TICKETS_HELD) / sellingSeconds,
                sellingSeconds,
                peak,
                run.soldOutAfterOpeningMillis() >= 0
                        ? String.format(
                                "sold out (every ticket sold or held) at +%.1f s",
                                run.soldOutAfterOpeningMillis() / 1000.0)
                        : "never sold out",
                Math.max(0, perSecond.length - 1)));
        if (run.settings().waitingRoom().enabled()) {
            Histogram wait = metrics.latency(Step.QUEUE_WAIT);
            lines.add(String.format(
                    "waiting room: %d joined, %d waited, %d admitted (wait p50 %.1f s, p90 %.1f s, p99 %.1f s,"
                            + " max %.1f s), %d told SOLD_OUT%s, %d EXPIRED, %d lost",
                    metrics.get(Count.QUEUE_JOINED),
                    metrics.get(Count.QUEUE_WAITED),
                    metrics.get(Count.QUEUE_ADMITTED),
                    seconds(wait, 50),
                    seconds(wait, 90),
                    seconds(wait, 99),
                    ms(wait.getMaxValue()) / 1000.0,
                    metrics.get(Count.QUEUE_SOLD_OUT),
                    run.queueSoldOutAfterOpeningMillis() >= 0
                            ? String.format(" (first at +%.1f s)", run.queueSoldOutAfterOpeningMillis() / 1000.0)
                            : "",
                    metrics.get(Count.QUEUE_EXPIRED),
                    metrics.get(Count.QUEUE_LOST)));
        }
        if (run.settings().behaviour().payments()) {
            Histogram pay = metrics.latency(Step.PAYMENT);
            lines.add(String.format(
                    "payments: %d confirmed (%d tickets), %d declined (%d paid again), %d hold expired, %d"
                            + " uncertain; to a decision p50 %.0f ms, p99 %.0f ms",
                    metrics.get(Count.PAID),
                    metrics.get(Count.TICKETS_SOLD),
                    metrics.get(Count.DECLINED),
                    metrics.get(Count.PAID_AGAIN),
                    metrics.get(Count.PAYMENT_EXPIRED),
                    metrics.get(Count.PAYMENT_UNCERTAIN),
                    pay.getTotalCount() == 0 ? 0.0 : ms(pay.getValueAtPercentile(50)),
                    pay.getTotalCount() == 0 ? 0.0 : ms(pay.getValueAtPercentile(99))));
        }
        lines.add(String.format(
                "times: setup %.1f s (event %s), selling %.1f s, audit %.1f s; load average %.2f before,"
                        + " %.2f after",
                run.setup().toMillis() / 1000.0,
                run.acknowledgement(),
                sellingSeconds,
                run.audit().toMillis() / 1000.0,
                run.loadAverageBefore(),
                run.loadAverageAfter()));
        lines.add("");
        Audit.Result audit = run.result();
        lines.add(String.format(
                "%-8s %-18s %8s %8s %8s %9s", "section", "kind", "capacity", "held", "sold", "available"));
        for (Audit.SectionState s : audit.sections()) {
            lines.add(String.format(
                    "%-8s %-18s %8d %8d %8d %9d",
                    s.sectionId(), s.kind(), s.capacity(), s.held(), s.sold(), s.available()));
        }
        lines.add(String.format(
                "audit: %d order(s) read back, %d live holding %d ticket(s), %d CONFIRMED holding %d;"
                        + " %d admission(s) checked for position order",
                audit.ordersRead(),
                audit.liveOrders(),
                audit.liveTickets(),
                audit.confirmedOrders(),
                audit.confirmedTickets(),
                audit.admissionsChecked()));
        audit.notes().forEach(note -> lines.add("note: " + note));
        if (audit.passed()) {
            lines.add("AUDIT PASSED");
        } else {
            lines.add("AUDIT FAILED: " + audit.problems().size() + " problem(s)");
            audit.problems().stream().limit(50).forEach(problem -> lines.add("  - " + problem));
            if (audit.problems().size() > 50) {
                lines.add("  … and " + (audit.problems().size() - 50) + " more (all of them are in the JSON report)");
            }
        }
        return lines;
    }

    ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        Simulation.Settings s = run.settings();
        root.put("kind", "onsale-simulation");
        root.put("startedAt", run.startedAt().toString());
        root.put("saleOpensAt", run.saleOpensAt().toString());
        root.put("eventId", s.eventId());
        ObjectNode machine = root.putObject("machine");
        machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        machine.put("javaVersion", System.getProperty("java.version"));
        machine.put("javaVm", System.getProperty("java.vm.name"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("loadAverageBefore", run.loadAverageBefore());
        machine.put("loadAverageAfter", run.loadAverageAfter());
        ObjectNode settings = root.putObject("settings");
        settings.put("buyers", s.buyers());
        settings.put("seats", s.seats());
        settings.put("gaShare", s.gaShare());
        settings.put("bestAvailableShare", s.mix().bestAvailableShare());
        settings.put("generalAdmissionOrderShare", s.mix().generalAdmissionShare());
        settings.put("preOpenShare", s.mix().preOpenShare());
        settings.put("preOpenMillis", s.mix().preOpenMillis());
        settings.put("arrivalWindowMillis", s.mix().arrivalWindowMillis());
        settings.put("arrivalShape", s.mix().shape().name());
        settings.put("takeAlternative", s.behaviour().takeAlternative());
        settings.put("bestAvailableAfterLoss", s.behaviour().bestAvailableAfterLoss());
        settings.put("abandonRate", s.behaviour().abandonRate());
        settings.put("cancelShare", s.behaviour().cancelShare());
        settings.put("thinkTimeMillis", s.behaviour().thinkTime().toMillis());
        settings.put("maxAttempts", s.behaviour().maxAttempts());
        settings.put("payments", s.behaviour().payments());
        settings.put("declineRate", s.behaviour().declineRate());
        settings.put("payAgainAfterDecline", s.behaviour().payAgainAfterDecline());
        settings.put("queue", s.waitingRoom().enabled());
        settings.put("queueActivationThreshold", s.waitingRoom().activationThreshold());
        settings.put("queueAdmitRatePerSecond", s.waitingRoom().admitRatePerSecond());
        settings.put("queueActiveShoppers", s.waitingRoom().activeShoppers());
        settings.put("queuePurchaseWindowMinutes", WaitingRoomPlan.PURCHASE_WINDOW_MINUTES);
        settings.put("maxInFlight", s.maxInFlight());
        settings.put("timeoutMillis", s.timeout().toMillis());
        settings.put("holdWindowMinutes", s.holdWindowMinutes());
        settings.put("seed", s.seed());
        ArrayNode sections = root.putArray("venue");
        for (Section section : run.venue().sections()) {
            sections.addObject()
                    .put("sectionId", section.sectionId())
                    .put("kind", section.kind())
                    .put("capacity", section.capacity());
        }
        ObjectNode durations = root.putObject("durationsMillis");
        durations.put("setup", run.setup().toMillis());
        durations.put("selling", run.selling().toMillis());
        durations.put("audit", run.audit().toMillis());
        Metrics metrics = run.metrics();
        ObjectNode steps = root.putObject("latencyMillis");
        for (Step step : Step.values()) {
            Histogram h = metrics.latency(step);
            ObjectNode node = steps.putObject(step.name().toLowerCase());
            node.put("count", h.getTotalCount());
            if (h.getTotalCount() > 0) {
                for (double p : PERCENTILES) {
                    node.put(
                            "p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)),
                            ms(h.getValueAtPercentile(p)));
                }
                node.put("max", ms(h.getMaxValue()));
                node.put("mean", ms((long) h.getMean()));
            }
        }
        ObjectNode counts = root.putObject("counts");
        for (Count count : Count.values()) {
            counts.put(count.name().toLowerCase(), metrics.get(count));
        }
        ObjectNode reasons = root.putObject("rejectedByReason");
        metrics.rejectedByReason().forEach(reasons::put);
        ObjectNode timeouts = root.putObject("timeoutsByStep");
        metrics.timeoutsByStep().forEach((step, n) -> timeouts.put(step.name().toLowerCase(), n));
        ObjectNode transport = root.putObject("connectionErrorsByStep");
        metrics.transportErrorsByStep()
                .forEach((step, n) -> transport.put(step.name().toLowerCase(), n));
        ObjectNode statuses = root.putObject("errorsByStatus");
        metrics.errorsByStatus().forEach((status, n) -> statuses.put(String.valueOf(status), n));
        ObjectNode serverErrors = root.putObject("serverErrors");
        metrics.serverErrors().forEach(serverErrors::put);
        ObjectNode sale = root.putObject("sale");
        sale.put("capacity", run.venue().capacity());
        sale.put("ticketsHeld", metrics.get(Count.TICKETS_HELD));
        sale.put("ticketsSold", metrics.get(Count.TICKETS_SOLD));
        sale.put("soldOutAfterMillis", run.soldOutAfterOpeningMillis());
        sale.put("queueSoldOutAfterMillis", run.queueSoldOutAfterOpeningMillis());
        ArrayNode perSecond = sale.putArray("ticketsHeldPerSecond");
        for (long n : metrics.ticketsHeldPerSecond()) {
            perSecond.add(n);
        }
        ArrayNode refused = sale.putArray("refusedPerSecond");
        for (long n : metrics.refusedPerSecond()) {
            refused.add(n);
        }
        ArrayNode sold = sale.putArray("ticketsSoldPerSecond");
        for (long n : metrics.ticketsSoldPerSecond()) {
            sold.add(n);
        }
        ArrayNode queueLength = sale.putArray("queueLengthPerSecond");
        for (long n : metrics.queueLengthPerSecond()) {
            queueLength.add(n);
        }
        Audit.Result audit = run.result();
        ObjectNode auditNode = root.putObject("audit");
        auditNode.put("passed", audit.passed());
        auditNode.put("ordersRead", audit.ordersRead());
        auditNode.put("liveOrders", audit.liveOrders());
        auditNode.put("liveTickets", audit.liveTickets());
        auditNode.put("confirmedOrders", audit.confirmedOrders());
        auditNode.put("confirmedTickets", audit.confirmedTickets());
        auditNode.put("admissionsChecked", audit.admissionsChecked());
        ArrayNode auditSections = auditNode.putArray("sections");
        for (Audit.SectionState section : audit.sections()) {
            auditSections.add(mapper.valueToTree(section));
        }
        ArrayNode problems = auditNode.putArray("problems");
        audit.problems().forEach(problems::add);
        ArrayNode notes = auditNode.putArray("notes");
        audit.notes().forEach(notes::add);
        return root;
    }

    void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }

    private static double seconds(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0.0 : ms(h.getValueAtPercentile(percentile)) / 1000.0;
    }

    static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    static Map<String, Long> reasons(Metrics metrics) {
        return metrics.rejectedByReason();
    }
}
