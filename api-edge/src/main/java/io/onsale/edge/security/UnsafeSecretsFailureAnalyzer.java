package io.onsale.edge.security;

import io.onsale.edge.security.DeploymentSecrets.UnsafeSecretsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which secrets to set when {@link DeploymentSecrets} refuses a start, instead of a stack trace. */
final class UnsafeSecretsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSecretsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSecretsException cause) {
        return new FailureAnalysis(
                "The edge refuses to start with a missing, short or public signing secret:\n  - "
                        + String.join("\n  - ", cause.problems()),
                "Set the environment variables named above (README, \"Operations\"), or run with the development "
                        + "profile for a local setup only: --spring.profiles.active=" + DeploymentSecrets.LOCAL_PROFILE,
                cause);
    }
}
