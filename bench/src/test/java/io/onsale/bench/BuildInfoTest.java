package io.onsale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void aJarBuiltFromUncommittedChangesSaysSo() {
        assertThat(BuildInfo.of("41f2522", "false")).isEqualTo("41f2522");
        assertThat(BuildInfo.of("41f2522", "true")).isEqualTo("41f2522+changes");
        assertThat(BuildInfo.of(null, null)).isEqualTo("unknown");
    }

    @Test
    void theBuildRecordsTheCommitTheJarWasBuiltFrom() {
        // Written by the build (git-commit-id-maven-plugin) into the classes this test runs against.
        assertThat(BuildInfo.jarCommit()).matches("[0-9a-f]{7,}(\\+changes)?");
    }
}
