package io.onsale.queue.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Decisions live in plain Java: no Kafka, Avro, JOSE or Spring in the domain, so they are tested and replayed alone. */
class DomainPurityTest {

    @Test
    void theDomainDependsOnNoFramework() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.onsale.queue.domain");

        noClasses()
                .that()
                .resideInAPackage("io.onsale.queue.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "org.springframework..",
                        "com.nimbusds..",
                        "io.onsale.schema..",
                        "io.onsale.kafka..",
                        "io.onsale.queue.topology..",
                        "io.onsale.queue.tokens..",
                        "io.onsale.queue.app..")
                .check(classes);
    }
}
