package io.onsale.edge.ops;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations page's one source: {@code GET /api/ops/dashboard} (organizers and operators; a buyer gets 403
 * problem+json from the security chain). Answers the view the monitor built last second, from memory. Left out of
 * the buyer and organizer API document: it is the page's, and its shape follows the charts.
 */
@Hidden
@RestController
class OpsController {

    private final OpsMonitor monitor;

    OpsController(OpsMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping(path = "/api/ops/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    DashboardView dashboard() {
        return monitor.view();
    }
}
