package io.onsale.edge;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.onsale.edge.platform.FastRead;
import org.junit.jupiter.api.Test;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.web.bind.annotation.RestController;

/**
 * The edge's own dependency rules, as the streams modules have theirs: controllers and the fast routes answer HTTP
 * and leave Kafka to the platform's gateways and readers; the feature packages ({@code io.onsale.edge.<feature>})
 * depend on each other in one direction only.
 */
class ArchitectureTest {

    private static final JavaClasses EDGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.onsale.edge");

    @Test
    void controllersAndFastRoutesDoNotUseKafkaClientsDirectly() {
        noClasses()
                .that(answerHttp())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka.clients..")
                .check(EDGE);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.onsale.edge.(*)..").should().beFreeOfCycles().check(EDGE);
    }

    /** {@code @RestController} classes and the routes served before WebFlux (fast paths), nested classes included. */
    private static DescribedPredicate<JavaClass> answerHttp() {
        return describe("controllers and fast routes", type -> {
            JavaClass outer = type;
            while (outer.getEnclosingClass().isPresent()) {
                outer = outer.getEnclosingClass().get();
            }
            return outer.isAnnotatedWith(RestController.class)
                    || assignableTo(NettyRouteProvider.class).test(outer)
                    || assignableTo(FastRead.class).test(outer);
        });
    }
}
