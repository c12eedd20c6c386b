package io.onsale.loadgen.plot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plot --in report.json --out plot.png}: the sale over time, from a {@code simulate --out} report. */
@Command(
        name = "plot",
        mixinStandardHelpOptions = true,
        description =
                "Draws tickets sold and held per second and the waiting room's length from a simulate report (PNG).")
public final class PlotCommand implements Callable<Integer> {

    static final int COULD_NOT_RUN = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, description = "the JSON report written by simulate --out")
    Path in;

    @Option(names = "--out", required = true, description = "the PNG to write")
    Path out;

    @Option(names = "--width", defaultValue = "1200", description = "image width in pixels (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "800", description = "image height in pixels (default ${DEFAULT-VALUE})")
    int height;

    @Override
    public Integer call() {
        if (width < 400 || height < 300) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--width must be at least 400 and --height 300");
        }
        // Before any AWT class loads: a machine without a display (CI, a server) must still draw.
        System.setProperty("java.awt.headless", "true");
        SaleSeries sale;
        try {
            sale = SaleSeries.from(new ObjectMapper().readTree(in.toFile()));
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("plot: cannot read " + in + ": " + e.getMessage());
            return COULD_NOT_RUN;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(new Chart(width, height).render(sale), "png", out.toFile());
        } catch (IOException e) {
            spec.commandLine().getErr().println("plot: cannot write " + out + ": " + e.getMessage());
            return COULD_NOT_RUN;
        }
        spec.commandLine().getOut().printf("plot: %s (%d s of the sale, %dx%d)%n", out, sale.seconds(), width, height);
        return 0;
    }
}
