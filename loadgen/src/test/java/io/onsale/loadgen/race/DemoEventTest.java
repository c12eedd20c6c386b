package io.onsale.loadgen.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void seatsComeInRowsOfTen() {
        assertThat(DemoEvent.layout(12)).extracting(DemoEvent.Seat::seatId)
                .containsExactly("A-1-1", "A-1-2", "A-1-3", "A-1-4", "A-1-5", "A-1-6", "A-1-7", "A-1-8", "A-1-9",
                        "A-1-10", "A-2-1", "A-2-2");
        assertThat(DemoEvent.layout(12).get(10)).isEqualTo(new DemoEvent.Seat("A-2-1", "2", 1));
    }

    @Test
    void configOpensTheSaleAMinuteAgoWithOneReservedSection() throws Exception {
        DemoEvent event = DemoEvent.openSince(3, Instant.parse("2026-11-27T20:00:30.400Z"));

        JsonNode config = JSON.readTree(event.configJson());

        assertThat(config.path("saleOpensAt").asText()).isEqualTo("2026-11-27T19:59:30Z");
        assertThat(config.path("currency").asText()).isEqualTo("EUR");
        assertThat(config.path("holdWindowMinutes").asInt()).isEqualTo(10);
        assertThat(config.path("perBuyerLimit").asInt()).isEqualTo(4);
        JsonNode section = config.path("sections").get(0);
        assertThat(config.path("sections")).hasSize(1);
        assertThat(section.path("sectionId").asText()).isEqualTo("A");
        assertThat(section.path("kind").asText()).isEqualTo("RESERVED");
        assertThat(section.path("priceMinor").asLong()).isEqualTo(9900);
        assertThat(section.path("seats")).hasSize(3);
        assertThat(section.path("seats").get(2).path("seatId").asText()).isEqualTo("A-1-3");
        assertThat(section.path("seats").get(2).path("number").asInt()).isEqualTo(3);
        assertThat(config.path("queuePolicy").path("activationThreshold").asInt()).isEqualTo(500);
        assertThat(config.has("eventId")).as("the id is in the URL, not the body").isFalse();
    }

    @Test
    void orderAsksForOneSeat() throws Exception {
        assertThat(JSON.readTree(DemoEvent.orderJson("A-1-3")).toString()).isEqualTo("{\"seats\":[\"A-1-3\"]}");
    }
}
