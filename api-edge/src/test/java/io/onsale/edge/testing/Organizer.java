package io.onsale.edge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** The organizer's calls the WebClient-based ITs share. */
public final class Organizer {

    private Organizer() {}

    /** Configures a new event with a fresh id through the organizer API; asserts it is READY on that instance. */
    public static String configure(WebClient client, Map<String, Object> config) {
        String eventId = "e-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> answer = client.put()
                .uri("/api/admin/events/{id}", eventId)
                .headers(headers -> headers.setBearerAuth(TestTokens.organizer("org-1")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(config)
                .exchangeToMono(response -> {
                    assertThat(response.statusCode()).isEqualTo(HttpStatus.OK);
                    return response.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {});
                })
                .block();
        assertThat(answer).containsEntry("status", "READY");
        return eventId;
    }
}
