package io.onsale.loadgen.plot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlotCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path report;

    @BeforeEach
    void fixture() throws Exception {
        report = dir.resolve("report.json");
        try (InputStream in = getClass().getResourceAsStream("/plot/report.json")) {
            Files.copy(in, report);
        }
    }

    private int plot(String... args) {
        CommandLine commandLine = new CommandLine(new PlotCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void writesAPngOfTheAskedSizeWithEverySeriesDrawn() throws Exception {
        Path png = dir.resolve("out/plot.png");

        int exit = plot("--in", report.toString(), "--out", png.toString(), "--width", "800", "--height", "600");

        assertThat(exit).as("%s", err).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(600);
        BufferedImage empty = emptyPlot();
        // The legend shows each colour too; the series must add far more than its swatch.
        assertThat(pixels(image, Chart.SOLD) - pixels(empty, Chart.SOLD)).isGreaterThan(2_000);
        assertThat(pixels(image, Chart.HELD) - pixels(empty, Chart.HELD)).isGreaterThan(2_000);
        assertThat(pixels(image, Chart.QUEUE) - pixels(empty, Chart.QUEUE)).isGreaterThan(10_000);
        assertThat(pixels(image, Chart.BACKGROUND)).isLessThan(800 * 600);
        assertThat(out.toString()).contains("11 s of the sale");
    }

    /** The same report with every series empty: axes, title and legend only. */
    private BufferedImage emptyPlot() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(report.toFile());
        ObjectNode sale = (ObjectNode) json.get("sale");
        sale.putArray("ticketsHeldPerSecond");
        sale.putArray("ticketsSoldPerSecond");
        sale.putArray("queueLengthPerSecond");
        Path emptyReport = dir.resolve("empty.json");
        mapper.writeValue(emptyReport.toFile(), json);
        Path png = dir.resolve("empty.png");
        assertThat(plot("--in", emptyReport.toString(), "--out", png.toString(), "--width", "800", "--height", "600"))
                .isZero();
        return ImageIO.read(png.toFile());
    }

    private static int pixels(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aReportFromBeforeTheNewSeriesStillPlotsWhatItHas() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(report.toFile());
        ((ObjectNode) json.get("sale")).remove(java.util.List.of("ticketsSoldPerSecond", "queueLengthPerSecond"));

        SaleSeries sale = SaleSeries.from(json);

        assertThat(sale.heldPerSecond()).hasSize(10);
        assertThat(sale.soldPerSecond()).isEmpty();
        assertThat(sale.queueLength()).isEmpty();
        assertThat(sale.seconds()).isEqualTo(10);
        assertThat(sale.buyers()).isEqualTo(600);
        assertThat(Chart.date(sale.saleOpensAt())).isEqualTo("2026-11-27 21:14:46 UTC");
    }

    @Test
    void somethingThatIsNotAReportOrIsMissingCannotBePlotted() throws Exception {
        Path notAReport = dir.resolve("other.json");
        Files.writeString(notAReport, "{\"kind\":\"race\"}");

        int wrongKind = plot(
                "--in", notAReport.toString(), "--out", dir.resolve("a.png").toString());
        int missing = plot(
                "--in",
                dir.resolve("nope.json").toString(),
                "--out",
                dir.resolve("b.png").toString());
        int tiny = plot("--in", report.toString(), "--out", dir.resolve("c.png").toString(), "--width", "10");

        assertThat(wrongKind).isEqualTo(PlotCommand.COULD_NOT_RUN);
        assertThat(missing).isEqualTo(PlotCommand.COULD_NOT_RUN);
        assertThat(tiny).isEqualTo(PlotCommand.COULD_NOT_RUN);
        assertThat(err.toString())
                .contains("not a simulate report")
                .contains("nope.json")
                .contains("--width");
        assertThat(Files.exists(dir.resolve("a.png"))).isFalse();
    }

    @Test
    void ticksFallOnRoundStepsAndCoverThePeak() {
        assertThat(Ticks.covering(360, 5)).isEqualTo(new Ticks(100, 400));
        assertThat(Ticks.covering(11, 10)).isEqualTo(new Ticks(2, 12));
        assertThat(Ticks.covering(0, 5)).isEqualTo(new Ticks(1, 1));
        assertThat(Ticks.label(1500)).isEqualTo("1,500");
    }
}
