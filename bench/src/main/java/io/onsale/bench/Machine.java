package io.onsale.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

/** What the figures were measured on: they mean nothing without it. */
record Machine(
        int processors,
        long memoryBytes,
        String java,
        String os,
        long maxHeapBytes,
        List<String> jvmArguments,
        double loadAverage1m) {

    static Machine current() {
        long memory =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getTotalMemorySize()
                        : -1;
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                memory,
                java,
                os,
                Runtime.getRuntime().maxMemory(),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                loadAverage());
    }

    /** One-minute system load average: above the number of cpus, other processes competed with the run. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** CPU time this process has used so far, or 0 where the JVM does not tell. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    String summary() {
        return String.format(
                "%d cpus, %.1f GiB, %s, %s, heap max %d MiB",
                processors, memoryBytes / (1024.0 * 1024 * 1024), java, os, maxHeapBytes / (1024 * 1024));
    }
}
