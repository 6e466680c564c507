package curio.selector.nio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall as it applies to the nio backend. */
class NioArchitectureTest {

    private static JavaClasses nio;

    @BeforeAll
    static void importNio() {
        nio = Wall.importModules("curio.selector.nio");
        assertTrue(nio.size() >= 3, "sanity: the import found the backend's classes, got " + nio.size());
    }

    /** Backends depend on curio.api's SPI and the JDK only. */
    static final ArchRule dependsOnlyOnTheSpi = classes().that().resideInAPackage("curio.selector.nio..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("curio.selector.nio..", "curio.api.spi..", "java..")
            .because("a backend is a plug-in of the SPI; sharing goes through curio.api.spi");

    /** Only the poll may block: NioSelector.select is where the kernel loop sleeps. */
    static final ArchRule onlySelectBlocks = noClasses().that().resideInAPackage("curio.selector.nio..")
            .and().doNotHaveFullyQualifiedName("curio.selector.nio.NioSelector") // the kernel's poll
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("socket operations run on the kernel thread and must never block");

    /** The module exports nothing: its one public class is the provider. */
    static final ArchRule onlyTheProviderIsPublic = classes().that().resideInAPackage("curio.selector.nio..")
            .and().areTopLevelClasses().and().arePublic().should().haveFullyQualifiedName("curio.selector.nio.NioSelectorProvider")
            .because("backends are found through ServiceLoader, never named");

    @Test void dependsOnlyOnTheSpi() { dependsOnlyOnTheSpi.check(nio); }
    @Test void onlySelectBlocks() { onlySelectBlocks.check(nio); }
    @Test void onlyTheProviderIsPublic() { onlyTheProviderIsPublic.check(nio); }
}
