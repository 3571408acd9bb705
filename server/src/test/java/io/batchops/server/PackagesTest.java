package io.batchops.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's packages, one per concern, depend on each other in one direction: a newcomer can
 * read any of them with only what it imports, and a change stays inside the packages above it.
 */
class PackagesTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.batchops.server");

    @Test
    void haveNoCycles() {
        slices().matching("io.batchops.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    /** The domains define what they need of storage (SmsStorage, DrsStorage); the store implements it. */
    @Test
    void theDomainsDoNotDependOnTheStore() {
        noClasses().that().resideInAnyPackage("io.batchops.server.sms..", "io.batchops.server.drs..")
                .should().dependOnClassesThat().resideInAPackage("io.batchops.server.store..")
                .check(SERVER);
    }

    /** Request ids, the request's own state, belong to no one stage of the pipeline. */
    @Test
    void errorsDoNotDependOnTheGateway() {
        noClasses().that().resideInAPackage("io.batchops.server.errors..")
                .should().dependOnClassesThat().resideInAPackage("io.batchops.server.gateway..")
                .check(SERVER);
    }
}
