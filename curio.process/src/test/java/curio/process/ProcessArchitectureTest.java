package curio.process;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall as it applies to curio.process. */
class ProcessArchitectureTest {

    private static JavaClasses process;

    @BeforeAll
    static void importProcess() {
        process = Wall.importModules("curio.process");
        assertTrue(process.size() >= 6, "sanity: the import found curio.process's classes, got " + process.size());
    }

    /**
     * Only the pipe pump blocks: a child's pipe cannot be polled, so a thread of its own reads it.
     * Writes to a child go through the kernel's worker pool.
     */
    static final ArchRule onlyThePumpBlocks = noClasses().that().resideInAPackage("curio.process..")
            .and().doNotHaveFullyQualifiedName("curio.process.PipeReader") // its pump thread reads the pipe
            .and().doNotHaveFullyQualifiedName("curio.process.PipeWriter") // writes inside Curio.runInThread
            .and().doNotHaveFullyQualifiedName("curio.process.WorkerMain") // the worker JVM's own main program
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("a blocking call inside a task stalls every task of its kernel");

    static final ArchRule builtOnTheApi = classes().that().resideInAPackage("curio.process..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("curio.process..", "curio.net..", "curio.sync..",
                    "curio.api..", "java..")
            .because("curio.process runs on any kernel through the public API and the traps");

    @Test void onlyThePumpBlocks() { onlyThePumpBlocks.check(process); }
    @Test void builtOnTheApi() { builtOnTheApi.check(process); }
}
