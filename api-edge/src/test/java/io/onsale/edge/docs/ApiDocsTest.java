package io.onsale.edge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.edge.buyer.OrderLookup;
import io.onsale.edge.catalog.EventCatalog;
import io.onsale.edge.limits.LimitsWiring;
import io.onsale.edge.platform.ClockWiring;
import io.onsale.edge.platform.CommandPublisher;
import io.onsale.edge.platform.KafkaSettings;
import io.onsale.edge.platform.QueryService;
import io.onsale.edge.security.JwtSettings;
import io.onsale.kafka.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document of every controller of the edge (their collaborators replaced), fetched without a token as a
 * client would: each path and operation, the problem schema with its extensions, the security scheme.
 */
@WebFluxTest
@EnableConfigurationProperties({JwtSettings.class, KafkaSettings.class})
@ComponentScan(basePackages = "io.onsale.edge.security")
@Import({LimitsWiring.class, ApiDocs.class, ApiDocsTest.Collaborators.class, ClockWiring.class})
@ImportAutoConfiguration({
    org.springdoc.core.properties.SpringDocConfigProperties.class,
    org.springdoc.core.configuration.SpringDocConfiguration.class,
    org.springdoc.core.configuration.SpringDocSecurityConfiguration.class,
    org.springdoc.webflux.core.configuration.SpringDocWebFluxConfiguration.class,
    org.springdoc.core.properties.SwaggerUiConfigProperties.class,
    org.springdoc.core.properties.SwaggerUiOAuthProperties.class,
    org.springdoc.webflux.ui.SwaggerConfig.class
})
class ApiDocsTest {

    /**
     * The controllers' package-private collaborators, mocked by name: the controllers of three features are in one
     * document, and a slice test cannot name another package's package-private types.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Collaborators implements BeanDefinitionRegistryPostProcessor {

        private static final List<String> PACKAGE_PRIVATE = List.of(
                "io.onsale.edge.buyer.OrderGateway",
                "io.onsale.edge.buyer.SeatMaps",
                "io.onsale.edge.buyer.EventPages",
                "io.onsale.edge.payment.PaymentFlow",
                "io.onsale.edge.buyer.RecentOrders",
                "io.onsale.edge.queue.QueueGateway",
                "io.onsale.edge.queue.QueueStatusReader",
                "io.onsale.edge.queue.JoinAnswers",
                "io.onsale.edge.queue.QueueSettings",
                "io.onsale.edge.queue.QueueProgressView",
                "io.onsale.edge.queue.StatusStreams",
                "io.onsale.edge.ops.OpsMonitor");

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            for (String name : PACKAGE_PRIVATE) {
                Class<?> type = load(name);
                RootBeanDefinition mock = new RootBeanDefinition(type);
                mock.setInstanceSupplier(() -> Mockito.mock(type));
                registry.registerBeanDefinition(name, mock);
            }
        }

        private static Class<?> load(String name) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the edge has no " + name + " any more: update this list", e);
            }
        }

        @Bean
        static Topics topics() {
            return Topics.from(Topics.Settings.defaults());
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    JsonMapper json;

    @MockitoBean
    EventCatalog catalog;

    @MockitoBean
    QueryService queries;

    @MockitoBean
    CommandPublisher publisher;

    @MockitoBean
    OrderLookup orderLookup;

    @Test
    void everyEndpointIsDocumentedAndTheDocumentIsReadableWithoutAToken() {
        JsonNode paths = document().path("paths");

        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/events/{eventId}", List.of("get")),
                Map.entry("/api/events/{eventId}/sections/{sectionId}/seats", List.of("get")),
                Map.entry("/api/events/{eventId}/orders", List.of("post")),
                Map.entry("/api/orders/{orderId}", List.of("get", "delete")),
                Map.entry("/api/orders/{orderId}/payment", List.of("post")),
                Map.entry("/api/events/{eventId}/queue", List.of("post")),
                Map.entry("/api/events/{eventId}/queue/{ticket}", List.of("get")),
                Map.entry("/api/events/{eventId}/queue/{ticket}/events", List.of("get")),
                Map.entry("/api/admin/events/{eventId}", List.of("put")),
                Map.entry("/api/admin/events/{eventId}/inventory", List.of("patch")),
                Map.entry("/api/admin/events/{eventId}/queue", List.of("patch")));
        assertThat(names(paths)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((path, methods) -> methods.forEach(
                method -> assertThat(paths.path(path).path(method).isObject())
                        .as("%s %s", method, path)
                        .isTrue()));
    }

    @Test
    void eachOperationNamesItsAnswersAndEveryRefusalIsAProblem() {
        JsonNode paths = document().path("paths");

        assertThat(responses(paths, "/api/events/{eventId}/orders", "post"))
                .contains("201", "202", "400", "401", "403", "404", "409", "413", "422", "429", "503");
        assertThat(responses(paths, "/api/orders/{orderId}/payment", "post"))
                .contains("200", "202", "402", "409", "413", "429");
        assertThat(responses(paths, "/api/events/{eventId}/queue", "post")).contains("201", "200", "202", "409", "429");
        assertThat(responses(paths, "/api/admin/events/{eventId}", "put"))
                .contains("200", "202", "400", "401", "403", "413");
        assertThat(responses(paths, "/api/admin/events/{eventId}/queue", "patch"))
                .contains("200", "202", "400", "422");
        assertThat(responses(paths, "/api/events/{eventId}/queue/{ticket}", "get"))
                .contains("200", "401", "403", "404", "503");
        assertThat(responses(paths, "/api/orders/{orderId}", "delete"))
                .contains("200", "202", "404", "409", "429", "503");
        assertThat(responses(paths, "/api/events/{eventId}/queue/{ticket}/events", "get"))
                .contains("200", "401", "403", "404", "429", "503");

        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                for (Map.Entry<String, JsonNode> answer :
                        operation.getValue().path("responses").properties()) {
                    if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                        assertThat(answer.getValue()
                                        .path("content")
                                        .path("application/problem+json")
                                        .path("schema")
                                        .path("$ref")
                                        .asString())
                                .as("%s %s %s", operation.getKey(), path.getKey(), answer.getKey())
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }
            }
        }
        JsonNode order = paths.path("/api/events/{eventId}/orders").path("post");
        assertThat(order.path("responses")
                        .path("201")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/OrderView");
        assertThat(order.path("responses").path("429").path("headers").has("Retry-After"))
                .isTrue();
        assertThat(order.path("responses").path("202").path("headers").has("Retry-After"))
                .isTrue();
        assertThat(names(order.path("parameters"), "name")).contains("Idempotency-Key", "Admission-Token");
        assertThat(paths.path("/api/events/{eventId}/queue/{ticket}/events")
                        .path("get")
                        .path("responses")
                        .path("200")
                        .path("content")
                        .has("text/event-stream"))
                .isTrue();
    }

    @Test
    void theProblemSchemaCarriesReasonAlternativesAndErrors() {
        JsonNode schemas = document().path("components").path("schemas");
        JsonNode problem = schemas.path("Problem").path("properties");

        assertThat(names(problem))
                .contains(
                        "type",
                        "title",
                        "status",
                        "detail",
                        "instance",
                        "reason",
                        "alternatives",
                        "errors",
                        "refusal",
                        "limit",
                        "retryAfterSeconds",
                        "maxBytes");
        assertThat(problem.path("alternatives").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/AlternativeView");
        assertThat(problem.path("errors").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/FieldError");
        assertThat(names(schemas))
                .contains(
                        "AlternativeView",
                        "FieldError",
                        "OrderView",
                        "SeatMap",
                        "QueueStatus",
                        "EventConfigJson",
                        "Pending");
    }

    @Test
    void everyFieldIsDescribedAndEveryReferenceResolves() {
        JsonNode document = document();
        JsonNode schemas = document.path("components").path("schemas");

        for (Map.Entry<String, JsonNode> schema : schemas.properties()) {
            for (Map.Entry<String, JsonNode> field :
                    schema.getValue().path("properties").properties()) {
                assertThat(field.getValue().path("description").asString(""))
                        .as("the description of %s.%s (docs/FieldGlossary)", schema.getKey(), field.getKey())
                        .isNotBlank();
            }
        }
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"#/components/schemas/([^\"]+)\"")
                .matcher(document.toString());
        while (refs.find()) {
            assertThat(schemas.has(refs.group(1)))
                    .as("schema %s", refs.group(1))
                    .isTrue();
        }
    }

    @Test
    void theBearerSchemeAndTheOrganizerRoleAreDeclared() {
        JsonNode document = document();
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");

        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(document.path("security").get(0).has("bearer")).isTrue();
        assertThat(document.path("paths")
                        .path("/api/admin/events/{eventId}")
                        .path("put")
                        .path("x-required-roles")
                        .get(0)
                        .asString())
                .isEqualTo("ORGANIZER");
        assertThat(document.path("paths")
                        .path("/api/events/{eventId}/orders")
                        .path("post")
                        .path("x-required-roles")
                        .get(0)
                        .asString())
                .isEqualTo("BUYER");
    }

    @Test
    void theUiIsServedWithoutAToken() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get()
                .uri("/webjars/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private JsonNode document() {
        byte[] body = http.mutate()
                .responseTimeout(Duration.ofSeconds(60))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        return json.readTree(body);
    }

    private static List<String> responses(JsonNode paths, String path, String method) {
        return names(paths.path(path).path(method).path("responses"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.path(field).asString()));
        return names;
    }
}
