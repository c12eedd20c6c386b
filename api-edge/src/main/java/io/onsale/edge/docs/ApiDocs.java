package io.onsale.edge.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}; for OPERATOR or ORGANIZER tokens, open in
 * the local profile: ADR 0014). springdoc
 * infers paths, parameters and request bodies from the controllers; what it cannot see (answers built as
 * {@code ResponseEntity<Object>}, problem bodies, headers read by filters, the limits) is added by
 * {@link EdgeApiContract}, and every field is described by {@link FieldGlossary}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI edgeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("onsale edge API").version("v1").description("""
                        Buyers read events and seat maps, join an event's waiting room, place, read, cancel and pay \
                        orders; organizers configure events and steer the waiting room. Every answer to a bad request \
                        is `application/problem+json` (RFC 9457) with a `type` of `urn:onsale:problem:<kind>`. Orders, \
                        queue joins and payments are limited per buyer, requests without a valid token per client \
                        address (429 with `Retry-After`); bodies are limited per endpoint (413)."""))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("""
                                An HS256-signed JWT issued by the identity provider: `sub` is the buyer (or organizer) \
                                id, the `roles` claim carries `BUYER`, `ORGANIZER`, `OPERATOR` and/or `ADMIN`; `iss`, \
                                `aud` and `exp` (at most 24 h after `iat`) are checked. Buyer endpoints need `BUYER` \
                                (event reads also take `ORGANIZER`); `/api/admin/**` needs `ORGANIZER` and the event's \
                                ownership, or `ADMIN` (403 otherwise). Each operation names its role in \
                                `x-required-roles`.""")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer edgeApiContract() {
        return new EdgeApiContract();
    }
}
