package io.onsale.edge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's ChromeDriver: the browser the page tests use. Installed by
 * dev/browser/ensure-chromium when missing (root or sudo); a machine where that fails fails the test, never skips it.
 * Each instance has its own throw-away profile.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver browser;
    private final Path profile;

    private HeadlessChromium(WebDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    /** @param width, height the window, which is what a screenshot shows */
    public static HeadlessChromium start(String name, int width, int height) throws Exception {
        Path script = repositoryRoot().resolve("dev/browser/ensure-chromium");
        Process ensure =
                new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
        String output = new String(ensure.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ensure.waitFor(10, TimeUnit.MINUTES))
                .as("%s did not finish: %s", script, output)
                .isTrue();
        assertThat(ensure.exitValue())
                .as("%s failed, so the page cannot be tested:%n%s", script, output)
                .isZero();

        Path profile = Files.createTempDirectory(name + "-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without a network, Chromium keeps retrying its own services (QUIC, updates, sync) unless told not to.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        // A driver given by path: Selenium Manager is never asked to find or download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public WebDriver browser() {
        return browser;
    }

    /** What the window shows now, as a PNG at {@code file} (its folder created when missing). */
    public Path screenshot(Path file) throws IOException {
        Path taken =
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        try {
            browser.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** The working directory is the module's under Maven and the repository's in an IDE: walk up to the script. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("dev/browser/ensure-chromium"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "dev/browser/ensure-chromium not found above " + Path.of("").toAbsolutePath());
    }
}
