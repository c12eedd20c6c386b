package io.onsale.edge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onsale.edge.EdgeApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * A deployment never runs with a secret anyone can read: outside the {@code local} profile a start whose JWT or queue
 * signing secret is missing, short or a development value is refused before it connects to anything, naming the
 * setting and the environment variable to set. The development values are in the local profile only.
 */
class DeploymentSecretsTest {

    private static final String REAL_JWT_SECRET = "8f3c1e0b7d2a4f6e9c5b1a3d7e2f4c6b8a0d9e1f";
    private static final String REAL_QUEUE_SECRET = "2b7e151628aed2a6abf7158809cf4f3c762e7160f3";

    @Test
    void aStartWithoutTheLocalProfileAndWithoutSecretsIsRefusedNamingWhatToSet() {
        assertThatThrownBy(() -> startOutsideTheLocalProfile())
                .hasMessageContaining("onsale.jwt.secret is not set: set ONSALE_JWT_SECRET")
                .hasMessageContaining("onsale.queue.signing-secret is not set: set ONSALE_QUEUE_SIGNING_SECRET");
    }

    @Test
    void theRepositorysDevelopmentSecretsAreRefusedOutsideTheLocalProfile() {
        assertThatThrownBy(() -> startOutsideTheLocalProfile(
                        "--onsale.jwt.secret=onsale-local-development-secret-change-me-0123456789",
                        "--onsale.queue.signing-secret=onsale-local-queue-signing-secret-change-me-0123456789"))
                .hasMessageContaining("onsale.jwt.secret is a public development value: set ONSALE_JWT_SECRET")
                .hasMessageContaining("onsale.queue.signing-secret is a public development value: set "
                        + "ONSALE_QUEUE_SIGNING_SECRET");
    }

    @Test
    void aShortOrChangeMeSecretIsRefused() {
        assertThatThrownBy(() -> startOutsideTheLocalProfile(
                        "--onsale.jwt.secret=too-short",
                        "--onsale.queue.signing-secret=please-change-me-before-going-live-0123456789"))
                .hasMessageContaining("onsale.jwt.secret is shorter than 32 bytes: set ONSALE_JWT_SECRET")
                .hasMessageContaining("onsale.queue.signing-secret is a public development value");
    }

    @Test
    void theSharedConfigurationShipsNoSecret() throws Exception {
        Properties shared = yaml("application.yaml");
        assertThat(shared).doesNotContainKeys("onsale.jwt.secret", "onsale.queue.signing-secret");
        Properties local = yaml("application-local.yaml");
        assertThat(local).containsKeys("onsale.jwt.secret", "onsale.queue.signing-secret");
    }

    @Test
    void secretsOfItsOwnPass() {
        assertThat(DeploymentSecrets.problems(settings(Map.of(
                        "onsale.jwt.secret", REAL_JWT_SECRET, "onsale.queue.signing-secret", REAL_QUEUE_SECRET))))
                .isEmpty();
    }

    @Test
    void withTheIdentityProvidersKeysTheJwtSecretIsNotNeededButTheQueueSecretIs() {
        assertThat(DeploymentSecrets.problems(settings(Map.of(
                        "onsale.jwt.jwks-uri",
                        "https://idp.example/jwks.json",
                        "onsale.queue.signing-secret",
                        REAL_QUEUE_SECRET))))
                .isEmpty();
        assertThat(DeploymentSecrets.problems(settings(Map.of("onsale.jwt.jwks-uri", "https://idp.example/jwks.json"))))
                .singleElement()
                .asString()
                .startsWith("onsale.queue.signing-secret is not set");
    }

    @Test
    void theLocalProfileStartsWithItsDevelopmentSecrets() {
        MockEnvironment local = new MockEnvironment()
                .withProperty("onsale.jwt.secret", "onsale-local-development-secret-change-me-0123456789")
                .withProperty("onsale.queue.signing-secret", "onsale-local-queue-signing-secret-change-me-0123456789");
        local.setActiveProfiles(DeploymentSecrets.LOCAL_PROFILE);
        new DeploymentSecrets().postProcessEnvironment(local, null);

        MockEnvironment elsewhere = new MockEnvironment()
                .withProperty("onsale.jwt.secret", "onsale-local-development-secret-change-me-0123456789")
                .withProperty("onsale.queue.signing-secret", REAL_QUEUE_SECRET);
        elsewhere.setActiveProfiles("production");
        assertThatThrownBy(() -> new DeploymentSecrets().postProcessEnvironment(elsewhere, null))
                .isInstanceOf(DeploymentSecrets.UnsafeSecretsException.class)
                .hasMessageNotContaining("onsale.queue.signing-secret");
    }

    /**
     * The edge started as a deployment would be (another profile than {@code local}, which the test JVM activates by
     * default), with a broker address nothing listens on: a refused start never gets to it.
     */
    private static void startOutsideTheLocalProfile(String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=production",
                "--server.port=0",
                "--onsale.kafka.bootstrap-servers=127.0.0.1:1",
                "--logging.level.root=OFF"));
        args.addAll(List.of(settings));
        new SpringApplicationBuilder(EdgeApplication.class)
                .run(args.toArray(String[]::new))
                .close();
    }

    private static Properties yaml(String resource) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(resource));
        return yaml.getObject();
    }

    private static java.util.function.UnaryOperator<String> settings(Map<String, String> values) {
        Map<String, String> copy = new HashMap<>(values);
        return copy::get;
    }
}
