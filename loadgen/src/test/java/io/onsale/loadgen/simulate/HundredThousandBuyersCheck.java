package io.onsale.loadgen.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.onsale.loadgen.client.ScriptedEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * By hand, not in the build (the name does not end in Test): the client side of the large preset, 100,000 buyers from
 * one process against {@link ScriptedEdge} on loopback, with the number of threads and the heap it takes.
 * {@code mvn -o -pl loadgen test -Dtest=HundredThousandBuyersCheck -Dsurefire.failIfNoSpecifiedTests=false}
 *
 * <p>It checks the client, not an edge: the in-JDK stand-in serves a few hundred calls a second and drops connections
 * when too many wait, so its audit may well fail (orders it never answered). What must hold is that every buyer
 * arrives and finishes, with a fixed, small number of threads.
 */
class HundredThousandBuyersCheck {

    @Test
    void oneProcessDrivesAHundredThousandBuyersWithAFixedNumberOfThreads() throws Exception {
        try (ScriptedEdge edge = new ScriptedEdge()) {
            int threadsBefore = Thread.activeCount();
            AtomicInteger peakThreads = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakThreads.accumulateAndGet(
                            ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            StringWriter out = new StringWriter();
            CommandLine command = new CommandLine(new SimulateCommand(Map.of(), Clock.systemUTC()));
            command.setOut(new PrintWriter(out, true));
            command.setErr(new PrintWriter(System.err, true));
            long started = System.nanoTime();
            // Queue off: the stand-in serves a few hundred calls a second, far below 100,000 buyers polling; following
            // the room uses the same timer and callbacks as every other step, so the threads are what is measured.
            int exit = command.execute(
                    "--edge",
                    edge.uri().toString(),
                    "--event",
                    "sim-100k",
                    "--preset",
                    "large",
                    "--queue",
                    "off",
                    "--seats",
                    "5000",
                    "--max-in-flight",
                    "256",
                    "--think-time",
                    "100ms",
                    "--setup-margin",
                    "1s",
                    "--settle",
                    "2s",
                    "--progress-every",
                    "5s",
                    "--seed",
                    "100");
            sampler.interrupt();
            Runtime runtime = Runtime.getRuntime();
            System.out.println(out);
            System.out.printf(
                    "100,000 buyers: exit %d in %.1f s; threads before %d, peak %d; heap used after %d MiB%n",
                    exit,
                    (System.nanoTime() - started) / 1e9,
                    threadsBefore,
                    peakThreads.get(),
                    (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
            assertThat(exit).isNotEqualTo(SimulateCommand.COULD_NOT_RUN);
            assertThat(out.toString())
                    .containsPattern("buyers arrived +100000")
                    .containsPattern("buyers finished +100000");
            assertThat(peakThreads.get()).isLessThan(100);
        }
    }
}
