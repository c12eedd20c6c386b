package io.onsale.loadgen.plot;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the plot needs from a {@code simulate --out} report. Index i of every series is second i after the opening.
 * A report from before a series existed plots without it rather than being refused.
 */
record SaleSeries(
        int buyers,
        int seats,
        String saleOpensAt,
        String eventId,
        long ticketsSold,
        long[] soldPerSecond,
        long[] heldPerSecond,
        long[] queueLength) {

    static final String KIND = "onsale-simulation";

    static SaleSeries from(JsonNode report) {
        if (!KIND.equals(report.path("kind").asText())) {
            throw new IllegalArgumentException("not a simulate report (its \"kind\" is not \"" + KIND + "\")");
        }
        JsonNode sale = report.path("sale");
        JsonNode settings = report.path("settings");
        return new SaleSeries(
                settings.path("buyers").asInt(),
                settings.path("seats").asInt(),
                report.path("saleOpensAt").asText(""),
                report.path("eventId").asText(""),
                sale.path("ticketsSold").asLong(),
                series(sale.path("ticketsSoldPerSecond")),
                series(sale.path("ticketsHeldPerSecond")),
                series(sale.path("queueLengthPerSecond")));
    }

    private static long[] series(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    /** The seconds the x axis must cover: the longest series. */
    int seconds() {
        return Math.max(soldPerSecond.length, Math.max(heldPerSecond.length, queueLength.length));
    }
}
