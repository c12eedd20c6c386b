package io.onsale.queue;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependency direction: schemas ← streams-queue ← api-edge. The waiting room knows nothing of the edge, of Spring or
 * of the reservation engine; its signing package, which the edge uses, knows nothing of Kafka.
 */
class ArchitectureTest {

    private final JavaClasses queue = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.onsale.queue");

    @Test
    void theWaitingRoomDoesNotDependOnTheEdgeSpringOrTheReservationEngine() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.onsale.edge..", "org.springframework..", "io.onsale.reservations..")
                .check(queue);
    }

    @Test
    void signingNeedsNeitherKafkaNorTheTopology() {
        noClasses()
                .that()
                .resideInAPackage("io.onsale.queue.tokens..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "io.onsale.schema..",
                        "io.onsale.kafka..",
                        "io.onsale.queue.topology..",
                        "io.onsale.queue.app..")
                .check(queue);
    }
}
