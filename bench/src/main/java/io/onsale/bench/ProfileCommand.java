package io.onsale.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = "A cpu profile of a running JVM (the edge) with async-profiler: native frames included (RocksDB,"
                + " the kernel, the JIT). Collapsed stacks to --out; cores per thread group and the project's"
                + " hottest methods on standard output. Run it while a benchmark loads the edge.")
final class ProfileCommand implements Callable<Integer> {
    @Option(names = "--pid", required = true, description = "the JVM to profile")
    String pid;

    @Option(names = "--seconds", defaultValue = "20", description = "how long to sample (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--out", required = true, description = "collapsed stacks (flame-graph input)")
    java.nio.file.Path out;

    @Option(names = "--rows", defaultValue = "15", description = "lines of each table (default: ${DEFAULT-VALUE})")
    int rows;

    @Override
    public Integer call() throws Exception {
        JvmProfiler.profile(pid, java.time.Duration.ofSeconds(seconds), out);
        System.out.print(CpuProfile.read(out, seconds).table(JvmProfiler.INTERVAL_NANOS, rows));
        System.out.println("stacks: " + out);
        return 0;
    }
}
