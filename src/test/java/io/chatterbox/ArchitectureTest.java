package io.chatterbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape of the code, enforced: no package depends on itself through others, and the core (the chat rules)
 * knows nothing of the socket, HTTP, Vert.x, Netty or the database — those are adapters around it.
 */
class ArchitectureTest {

    /** The parts of the core; everything else under io.chatterbox is an adapter, config or metrics. */
    static final String[] CORE = { "io.chatterbox.core..", "io.chatterbox.accounts..", "io.chatterbox.rooms..",
            "io.chatterbox.messages..", "io.chatterbox.presence..", "io.chatterbox.limits..", "io.chatterbox.chat..",
            "io.chatterbox.files.." };

    /** Transport, web and storage types, and our own adapters. */
    static final String[] OUTSIDE_THE_CORE = { "io.quarkus.websockets.next..", "io.vertx..", "io.netty..",
            "jakarta.ws.rs..", "org.jboss.resteasy..", "io.quarkus.vertx.http..", "io.quarkus.resteasy..",
            "jakarta.persistence..", "org.hibernate..", "io.quarkus.hibernate..", "io.quarkus.narayana..",
            "java.sql..", "javax.sql..", "io.agroal..",
            "io.chatterbox.socket..", "io.chatterbox.rest..", "io.chatterbox.storage..", "io.chatterbox.wire..",
            "io.chatterbox.cluster..", "io.chatterbox.media.." };

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chatterbox");

    @Test
    void noPackageCycles() {
        slices().matching("io.chatterbox.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreUsesNoTransportWebOrStorageType() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(OUTSIDE_THE_CORE)
                .because("the core holds the chat rules; sockets, HTTP and storage are adapters behind its ports")
                .check(MAIN);
    }

    @Test
    void adaptersDoNotUseEachOther() {
        noClasses().that().resideInAnyPackage("io.chatterbox.socket..")
                .should().dependOnClassesThat().resideInAnyPackage("io.chatterbox.rest..", "io.chatterbox.storage..",
                        "io.chatterbox.cluster..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.chatterbox.rest..")
                .should().dependOnClassesThat().resideInAnyPackage("io.chatterbox.socket..", "io.chatterbox.storage..",
                        "io.chatterbox.cluster..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.chatterbox.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.chatterbox.socket..", "io.chatterbox.rest..",
                        "io.chatterbox.wire..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.chatterbox.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("io.chatterbox.socket..", "io.chatterbox.rest..",
                        "io.chatterbox.storage..", "io.chatterbox.wire..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.chatterbox.media..")
                .should().dependOnClassesThat().resideInAnyPackage("io.chatterbox.socket..", "io.chatterbox.rest..",
                        "io.chatterbox.storage..", "io.chatterbox.wire..", "io.chatterbox.cluster..")
                .check(MAIN);
    }
}
