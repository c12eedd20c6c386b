package io.onsale.edge.ops;

import io.onsale.edge.ops.DashboardHistory.ChartSeries;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/ops/dashboard} answers: every chart's last minutes (values aligned with {@code times}, epoch
 * milliseconds, one a second), the alerts firing now and the last transitions. Built once a second by the sampler;
 * every page reads the same one.
 *
 * @param streamsApps   the Streams apps this instance runs (reservations, waiting-room); none on an edge without the
 *                      embedded engine ({@code onsale.edge.embedded-engine=false}), whose page then says where they run
 * @param alertsEnabled whether this instance evaluates alerts ({@code onsale.alerts.enabled})
 * @param admission     the share of the organizers' admit rates this instance tells the waiting rooms checkout can take,
 *                      and why it is lower ({@code null} when health-aware admission is off)
 */
record DashboardView(
        String instance,
        long at,
        List<String> streamsApps,
        List<Long> times,
        List<ChartSeries> charts,
        boolean alertsEnabled,
        List<ActiveAlert> alerts,
        List<RecentTransition> transitions,
        Admission admission) {

    static DashboardView empty(String instance, List<String> streamsApps, boolean alertsEnabled) {
        return new DashboardView(
                instance, 0, streamsApps, List.of(), List.of(), alertsEnabled, List.of(), List.of(), null);
    }

    /** Health-aware admission as this instance decides it; {@code slowedBecause} is {@code null} at the full rate. */
    record Admission(double share, String slowedBecause) {}

    /** An alert firing now; times in epoch milliseconds. */
    record ActiveAlert(
            String name,
            String severity,
            Map<String, String> labels,
            String summary,
            double value,
            double threshold,
            long startsAt,
            long firingSince) {}

    /** A transition decided lately, newest first. */
    record RecentTransition(String name, String status, Map<String, String> labels, String summary, long at) {}
}
