package curio.selector.epoll;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall as it applies to the epoll backend. */
class EpollArchitectureTest {

    private static JavaClasses epoll;

    @BeforeAll
    static void importEpoll() {
        epoll = Wall.importModules("curio.selector.epoll");
        assertTrue(epoll.size() >= 6, "sanity: the import found the backend's classes, got " + epoll.size());
    }

    static final ArchRule dependsOnlyOnTheSpi = classes().that().resideInAPackage("curio.selector.epoll..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("curio.selector.epoll..", "curio.api.spi..", "java..")
            .because("a backend is a plug-in of the SPI; sharing goes through curio.api.spi");

    static final ArchRule onlyTheProviderIsPublic = classes().that().resideInAPackage("curio.selector.epoll..")
            .and().areTopLevelClasses().and().arePublic()
            .should().haveFullyQualifiedName("curio.selector.epoll.EpollSelectorProvider")
            .because("backends are found through ServiceLoader, never named");

    static final ArchRule bindingsInOneClass = noClasses().that().resideInAPackage("curio.selector.epoll..")
            .and().doNotHaveFullyQualifiedName("curio.selector.epoll.LibC")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.foreign.Linker")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.foreign.SymbolLookup")
            .because("every downcall is declared in LibC, with its C prototype");

    static final ArchRule neverBlocksOutsideThePoll = noClasses().that().resideInAPackage("curio.selector.epoll..")
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("socket operations run on the kernel thread and must never block");

    @Test void dependsOnlyOnTheSpi() { dependsOnlyOnTheSpi.check(epoll); }
    @Test void onlyTheProviderIsPublic() { onlyTheProviderIsPublic.check(epoll); }
    @Test void bindingsInOneClass() { bindingsInOneClass.check(epoll); }
    @Test void neverBlocksOutsideThePoll() { neverBlocksOutsideThePoll.check(epoll); }
}
