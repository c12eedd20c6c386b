package io.onsale.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checked-in file a test's output must equal: the reviewable contract of something generated (a topology's
 * names). Rewritten only on request ({@code -D<updateProperty>=true}); a missing file fails like a different one,
 * so the comparison can never pass on nothing.
 */
public final class GoldenFile {

    private GoldenFile() {}

    public static void assertMatches(Path checkedIn, String actual, String updateProperty) throws IOException {
        String refresh = "review the change and run mvn test -D" + updateProperty + "=true";
        if (Boolean.getBoolean(updateProperty)) {
            Files.createDirectories(checkedIn.getParent());
            Files.writeString(checkedIn, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(checkedIn)) {
            fail(checkedIn + " is missing; " + refresh + " to write it");
        }
        assertThat(actual)
                .as(checkedIn + " is out of date; " + refresh)
                .isEqualTo(Files.readString(checkedIn, StandardCharsets.UTF_8));
    }
}
