package io.onsale.organizer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.reservations.config.EventConfigValidator.Problem;
import io.onsale.reservations.config.InvalidEventConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void theEnginesDeadLetterMessageSplitsIntoOneProblemPerField() {
        String written = new InvalidEventConfigException(
                        "gala",
                        List.of(
                                new Problem("currency", "must be an ISO 4217 code" + " such as EUR, got 'eur'"),
                                new Problem("holdWindowMinutes", "must be between 1 and 30, got 45")))
                .getMessage();

        assertThat(Readiness.problemsIn(written))
                .containsExactly(
                        "currency: must be an ISO 4217 code such as EUR, got 'eur'",
                        "holdWindowMinutes: must be between 1 and 30, got 45");
    }

    @Test
    void aRecordTheEngineCouldNotEvenDecodeIsOneProblemAsWritten() {
        assertThat(Readiness.problemsIn("cannot read 12 bytes as io.onsale.schema.config.EventConfig: bad marker"))
                .containsExactly("cannot read 12 bytes as io.onsale.schema.config.EventConfig: bad marker");
        assertThat(Readiness.problemsIn(null)).containsExactly("(no reason recorded)");
    }
}
