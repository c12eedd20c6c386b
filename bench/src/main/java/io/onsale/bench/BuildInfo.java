package io.onsale.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The commit this bench.jar was built from ({@code bench-git.properties}, written by the build), for every report. */
final class BuildInfo {

    private BuildInfo() {}

    /** {@code abc1234}, {@code abc1234+changes} when built from a tree with uncommitted changes, or {@code unknown}. */
    static String jarCommit() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/bench-git.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties git = new Properties();
            git.load(in);
            return of(git.getProperty("git.commit.id.abbrev"), git.getProperty("git.dirty"));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String of(String abbrev, String dirty) {
        if (abbrev == null || abbrev.isBlank()) {
            return "unknown";
        }
        return "true".equals(dirty) ? abbrev + "+changes" : abbrev;
    }
}
