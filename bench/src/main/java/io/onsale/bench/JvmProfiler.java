package io.onsale.bench;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Loads async-profiler (Maven Central's {@code tools.profiler:async-profiler}, shaded into this jar) into a running JVM
 * for a while and writes its cpu samples as collapsed stacks. Unlike JFR's samples these include native frames
 * (RocksDB, the kernel, the JIT), which is where the edge's time went before the fast-holds fixes
 * (docs/benchmarks/log/2026-12-03-session-6-fast-reads.md).
 * Loaded through the attach API: {@code jcmd JVMTI.agent_load} splits the agent's options at {@code =}.
 */
final class JvmProfiler {

    /** One sample per millisecond of cpu. */
    static final long INTERVAL_NANOS = 1_000_000;

    private static final String LIBRARY = "linux-x64/libasyncProfiler.so";

    private JvmProfiler() {}

    /** Profiles the JVM {@code pid} for {@code duration} and writes its collapsed stacks to {@code out}. */
    static void profile(String pid, Duration duration, Path out) throws Exception {
        Path library = library();
        try {
            command(pid, library, "start,event=cpu,interval=" + INTERVAL_NANOS + ",threads");
            Thread.sleep(duration.toMillis()); // the profile's window, not a wait for a condition
            command(pid, library, "stop,file=" + out.toAbsolutePath() + ",collapsed");
        } finally {
            Files.deleteIfExists(library);
        }
    }

    private static void command(String pid, Path library, String options) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgentPath(library.toString(), options);
        } catch (AgentInitializationException e) {
            throw new IllegalStateException(
                    "async-profiler refused '" + options + "' (return code " + e.returnValue()
                            + "); the target's standard output says why",
                    e);
        } finally {
            vm.detach();
        }
    }

    private static Path library() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !("amd64".equals(arch) || "x86_64".equals(arch))) {
            throw new IllegalStateException("the profiler shipped here is for Linux x86-64, not " + os + " " + arch);
        }
        try (InputStream in = JvmProfiler.class.getClassLoader().getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY + " is not on the classpath (tools.profiler:async-profiler)");
            }
            Path copy = Files.createTempFile("asyncProfiler", ".so");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }
}
