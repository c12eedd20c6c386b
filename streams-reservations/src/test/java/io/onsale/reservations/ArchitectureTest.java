package io.onsale.reservations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependency direction: schemas ← streams-* ← api-edge. The engine knows nothing of the edge or of Spring. */
class ArchitectureTest {

    private final com.tngtech.archunit.core.domain.JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.onsale.reservations", "io.onsale.kafka");

    @Test
    void theEngineAndTheWireContractsDoNotDependOnTheEdgeOrSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.onsale.edge..", "org.springframework..")
                .check(engine);
    }

    @Test
    void theWireContractsDoNotDependOnTheEngine() {
        noClasses()
                .that()
                .resideInAnyPackage("io.onsale.kafka..", "io.onsale.schema..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.onsale.reservations..")
                .check(engine);
    }
}
