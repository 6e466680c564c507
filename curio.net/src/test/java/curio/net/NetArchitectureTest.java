package curio.net;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall as it applies to curio.net. */
class NetArchitectureTest {

    private static JavaClasses net;

    @BeforeAll
    static void importNet() {
        net = Wall.importModules("curio.net");
        assertTrue(net.size() > 15, "sanity: the import found curio.net's classes, got " + net.size());
    }

    /** Network code never blocks a thread: every wait is a trap; files and DNS go to worker threads. */
    static final ArchRule netNeverBlocks = noClasses().that().resideInAnyPackage("curio.net..", "curio.file..")
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("a blocking call inside a task stalls every task of its kernel");

    /** Sockets reach the OS only through the selector SPI, so every backend carries them. */
    static final ArchRule onlyTheSelectorSpi = classes().that().resideInAnyPackage("curio.net..", "curio.file..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("curio.net..", "curio.file..", "curio.api..",
                    "java..", "javax.net.ssl..", "javax.crypto..")
            .because("curio.net must run unchanged on every selector backend and kernel");

    /** No java.net.Socket or NIO channel in curio.net: the backend owns the descriptors. */
    static final ArchRule noJdkSockets = noClasses().that().resideInAPackage("curio.net..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
            .orShould().dependOnClassesThat().resideInAPackage("java.nio.channels.spi..")
            .because("sockets are opened through curio.api.spi.ReadinessSelector");

    @Test void netNeverBlocks() { netNeverBlocks.check(net); }
    @Test void onlyTheSelectorSpi() { onlyTheSelectorSpi.check(net); }
    @Test void noJdkSockets() { noJdkSockets.check(net); }
}
