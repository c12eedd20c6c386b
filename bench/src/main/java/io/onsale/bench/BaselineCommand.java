package io.onsale.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = "Raw producer rate and a minimal get+put exactly-once processor on this machine and broker.")
final class BaselineCommand implements Callable<Integer> {
    @Mixin
    BenchOptions.Common common = new BenchOptions.Common();

    @Option(
            names = "--records",
            defaultValue = "500000",
            description = "records for the producer and the processor (default: ${DEFAULT-VALUE})")
    int records;

    @Option(
            names = "--keys",
            defaultValue = "50000",
            description = "distinct keys (store entries) of the processor (default: ${DEFAULT-VALUE})")
    int keys;

    @Override
    public Integer call() throws Exception {
        double load = Machine.loadAverage();
        try (BenchRun run = common.newRun()) {
            BenchSteps.Measured baseline = BenchSteps.measureBaseline(common, run, records, keys);
            Map<String, Object> settings = common.settings();
            settings.put("records", records);
            settings.put("keys", keys);
            return BenchSteps.finish(
                    common,
                    run,
                    Report.of(
                            "baseline",
                            run,
                            common.commit,
                            settings,
                            baseline.producer(),
                            baseline.minimal(),
                            null,
                            load));
        }
    }
}
