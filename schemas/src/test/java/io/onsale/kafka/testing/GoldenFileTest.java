package io.onsale.kafka.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileFailsInsteadOfBeingWrittenAndComparedWithItself() {
        Path missing = dir.resolve("topology.txt");

        assertThatThrownBy(() -> GoldenFile.assertMatches(missing, "a topology", "golden.test.update"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("is missing");
        assertThatCode(() -> Files.readString(missing)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aDifferentFileFailsAndAnEqualOnePasses() throws Exception {
        Path file = Files.writeString(dir.resolve("topology.txt"), "old");

        assertThatThrownBy(() -> GoldenFile.assertMatches(file, "new", "golden.test.update"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("out of date");
        assertThatCode(() -> GoldenFile.assertMatches(file, "old", "golden.test.update"))
                .doesNotThrowAnyException();
    }
}
