package curio.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall as it applies to curio.api. */
class ApiArchitectureTest {

    private static JavaClasses api;

    @BeforeAll
    static void importApi() {
        api = Wall.importModules("curio.api");
        assertTrue(api.size() > 30, "sanity: the import found curio.api's classes, got " + api.size());
    }

    /** curio.api depends on nothing but the JDK's java.* packages. */
    static final ArchRule apiDependsOnNothing = classes().that().resideInAPackage("curio.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("curio.api..", "java..")
            .because("curio.api is the root every module builds on; it requires only java.base");

    /** Task-side code never blocks its thread. */
    static final ArchRule apiNeverBlocks = noClasses().that().resideInAPackage("curio.api..")
            .and().doNotHaveFullyQualifiedName("curio.api.AsyncThread") // the async thread waits for its kernel
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("a blocking call inside a task stalls every task of its kernel");

    /** The trap layer is the only way to the kernel. */
    static final ArchRule onlyTrapsAndSpiReachTheHandler = noClasses().that().resideInAPackage("curio.api")
            .and().doNotHaveSimpleName("Curio").and().doNotHaveSimpleName("Timeouts")
            .and().doNotHaveSimpleName("AsyncThread")
            .should().dependOnClassesThat().haveSimpleName("CurrentKernel")
            .because("application-facing classes reach the kernel through Traps (Curio and Timeouts are the facade)");

    @Test
    void apiDependsOnNothing() {
        apiDependsOnNothing.check(api);
    }

    @Test
    void apiNeverBlocks() {
        apiNeverBlocks.check(api);
    }

    @Test
    void onlyTrapsAndSpiReachTheHandler() {
        onlyTrapsAndSpiReachTheHandler.check(api);
    }
}
