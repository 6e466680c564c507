package curio.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
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
            .and().doNotHaveFullyQualifiedName("curio.api.WorkerPool$Worker") // worker threads wait for jobs
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("a blocking call inside a task stalls every task of its kernel");

    /** The trap layer is the only way to the kernel: nothing else finds or names it. */
    static final ArchRule onlyTrapsReachTheKernel = noClasses().that().resideInAPackage("curio.api..")
            .and().doNotHaveFullyQualifiedName("curio.api.trap.Traps")
            .and().resideOutsideOfPackage("curio.api.internal")
            .should().dependOnClassesThat().haveFullyQualifiedName("curio.api.internal.CurrentKernel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("curio.api.internal.KernelCore")
            .because("Traps is the one door into a kernel (Curio's trap list is its whole interface)");

    /** The exported packages never mention the kernel's plumbing in a public signature. */
    static final ArchRule exportedPackagesHideInternals = noMethods().that().areDeclaredInClassesThat()
            .resideInAnyPackage("curio.api", "curio.api.trap", "curio.api.spi").and().arePublic()
            .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("an internal type",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().equals("curio.api.internal")))
            .because("a user must not be handed a kernel object it could call");

    @Test
    void apiDependsOnNothing() {
        apiDependsOnNothing.check(api);
    }

    @Test
    void apiNeverBlocks() {
        apiNeverBlocks.check(api);
    }

    @Test
    void onlyTrapsReachTheKernel() {
        onlyTrapsReachTheKernel.check(api);
    }

    @Test
    void exportedPackagesHideInternals() {
        exportedPackagesHideInternals.check(api);
    }
}
