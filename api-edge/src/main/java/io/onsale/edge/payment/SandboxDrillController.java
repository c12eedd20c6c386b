package io.onsale.edge.payment;

import io.onsale.edge.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Game-day drills on the sandbox gateway (no money moves; only where {@code onsale.payments.gateway=sandbox}): an
 * operator makes it slow or failing in the middle of a sale and watches the alerts fire and admission slow down, then
 * puts it back. {@code PUT /api/ops/sandbox-gateway} {@code {"latencyMillis": 3000, "declineRate": 0.0}} (OPERATOR
 * role); {@code GET} the same path shows what is in force. This instance's gateway only: each edge has its own sandbox.
 */
@Hidden
@RestController
class SandboxDrillController {

    record Drill(Long latencyMillis, Double declineRate) {}

    /** Empty where the gateway is a real provider's: no drill moves real money. */
    private final Optional<SandboxPaymentGateway> gateway;

    SandboxDrillController(Optional<SandboxPaymentGateway> gateway) {
        this.gateway = gateway;
    }

    @GetMapping(path = "/api/ops/sandbox-gateway", produces = MediaType.APPLICATION_JSON_VALUE)
    Drill now() {
        SandboxPaymentGateway sandbox = sandbox();
        return new Drill(sandbox.latency().toMillis(), sandbox.declineRate());
    }

    @PutMapping(
            path = "/api/ops/sandbox-gateway",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Drill drill(@RequestBody Drill drill) {
        SandboxPaymentGateway sandbox = sandbox();
        long latencyMillis = drill.latencyMillis() == null ? sandbox.latency().toMillis() : drill.latencyMillis();
        double declineRate = drill.declineRate() == null ? sandbox.declineRate() : drill.declineRate();
        if (latencyMillis < 0 || latencyMillis > 60_000 || declineRate < 0 || declineRate > 1) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-drill",
                    "Invalid drill",
                    "latencyMillis must be within 0..60000 and declineRate within 0..1, got " + latencyMillis + " and "
                            + declineRate);
        }
        sandbox.drill(Duration.ofMillis(latencyMillis), declineRate);
        return now();
    }

    private SandboxPaymentGateway sandbox() {
        return gateway.orElseThrow(() -> new ApiProblem(
                HttpStatus.NOT_FOUND,
                "no-sandbox-gateway",
                "No sandbox gateway",
                "this edge pays through a real provider (onsale.payments.gateway=http): there is nothing to drill"));
    }
}
