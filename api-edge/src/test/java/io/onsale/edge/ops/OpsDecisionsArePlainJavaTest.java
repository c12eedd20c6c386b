package io.onsale.edge.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the dashboard shows and when an alert fires is decided in plain Java, tested with made-up samples and a clock
 * the test moves: no Spring, Kafka, Micrometer, Reactor or Avro in those classes. The adapters around them (reading
 * the meters, publishing, the page's endpoint) are the only ones that touch a framework.
 */
class OpsDecisionsArePlainJavaTest {

    private static final Set<String> DECISIONS = Set.of(
            "Sample",
            "Histogram",
            "SlidingWindow",
            "Readings",
            "AlertRule",
            "AlertCondition",
            "AlertTransition",
            "AlertDecider",
            "AlertRules",
            "DashboardCharts",
            "DashboardHistory");

    @Test
    void theWindowTheChartsAndTheAlertDecisionsDependOnNoFramework() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.onsale.edge.ops");

        noClasses()
                .that(decisions())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "io.micrometer..",
                        "reactor..",
                        "org.apache.avro..",
                        "io.onsale.schema..",
                        "io.onsale.kafka..",
                        "tools.jackson..")
                .check(classes);
    }

    /** The classes named above and their nested records and enums. */
    private static DescribedPredicate<JavaClass> decisions() {
        return DescribedPredicate.describe("the ops decisions " + DECISIONS, type -> {
            String name = type.getName().substring(type.getPackageName().length() + 1);
            int nested = name.indexOf('$');
            return DECISIONS.contains(nested < 0 ? name : name.substring(0, nested));
        });
    }
}
