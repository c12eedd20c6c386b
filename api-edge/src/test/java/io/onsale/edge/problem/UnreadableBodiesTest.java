package io.onsale.edge.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** A body the reader could not take, told in JSON's terms: where, what it must be, never a Java type of the edge. */
class UnreadableBodiesTest {

    /** As application.yaml configures the edge's mapper. */
    private static final JsonMapper EDGE = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    record Seat(String seatId, int number) {}

    record Order(List<String> seats, String sectionId, Integer quantity, List<Seat> named) {}

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThatAreKnown() {
        assertThat(describe("{\"seats\":[\"A-1\"],\"priceMinor\":1}"))
                .isEqualTo("unknown field \"priceMinor\"; the fields here are named, quantity, seats, sectionId");
    }

    @Test
    void anUnknownFieldDeeperInIsNamedByItsPath() {
        assertThat(describe("{\"named\":[{\"seatId\":\"A-1\",\"number\":1,\"owner\":\"x\"}]}"))
                .startsWith("unknown field \"named[0].owner\"");
    }

    @Test
    void aValueOfTheWrongKindSaysWhereWhatItMustBeAndWhatItWas() {
        assertThat(describe("{\"seats\":\"A-1\"}")).isEqualTo("\"seats\" must be an array, not a string");
        assertThat(describe("{\"seats\":[{\"x\":1}]}")).isEqualTo("\"seats[0]\" must be a string, not an object");
        assertThat(describe("[1]")).isEqualTo("the body must be an object, not an array");
        assertThat(describe("{\"quantity\":true}")).isEqualTo("\"quantity\" must be a whole number, not true or false");
    }

    @Test
    void aDecimalOrAQuotedNumberIsNotAWholeNumber() {
        assertThat(describe("{\"quantity\":1.5}"))
                .isEqualTo("\"quantity\" must be a whole number, not a decimal number");
        assertThat(describe("{\"quantity\":\"2\"}")).isEqualTo("\"quantity\" must be a whole number, not a string");
        assertThat(describe("{\"named\":[{\"seatId\":\"A-1\",\"number\":\"1\"}]}"))
                .isEqualTo("\"named[0].number\" must be a whole number, not a string");
    }

    @Test
    void aNumberBeyondWhatTheFieldHoldsIsOutOfRange() {
        assertThat(describe("{\"quantity\":99999999999}"))
                .isEqualTo("\"quantity\" is out of range for a whole number here");
    }

    @Test
    void jsonThatIsNotWellFormedSaysSoWithoutWhereInTheSourceItStopped() {
        assertThat(describe("{\"seats\": [\"A-1\""))
                .startsWith("not well-formed JSON: ")
                .doesNotContain("Source")
                .doesNotContain("line:");
    }

    @Test
    void aReadersMessageLosesTheControllerMethodAndEveryJavaName() {
        assertThat(UnreadableBodies.describe(
                        "No request body for: reactor.core.publisher.Mono<org.springframework.http."
                                + "ResponseEntity<java.lang.Object>> io.onsale.edge.buyer.OrderController.place(java.lang.String,"
                                + "io.onsale.edge.buyer.OrderRequest)"))
                .isEqualTo("No request body");
        assertThat(UnreadableBodies.describe("Cannot construct `io.onsale.edge.buyer.OrderRequest` (class "
                        + "io.onsale.edge.buyer.OrderRequest) from java.util.ArrayList<java.lang.String>"))
                .isEqualTo("Cannot construct a value from a value");
    }

    private static String describe(String body) {
        Throwable failure = catchThrowable(() -> EDGE.readValue(body, Order.class));
        assertThat(failure).as("the reader refuses %s", body).isNotNull();
        String described = UnreadableBodies.describe(failure);
        assertThat(described)
                .doesNotContain("io.onsale")
                .doesNotContain("java.")
                .doesNotContain("`")
                .doesNotContain("UnreadableBodiesTest");
        return described;
    }
}
