package curio.sync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall as it applies to curio.sync. */
class SyncArchitectureTest {

    private static JavaClasses sync;

    @BeforeAll
    static void importSync() {
        sync = Wall.importModules("curio.sync");
        assertTrue(sync.size() > 12, "sanity: the import found curio.sync's classes, got " + sync.size());
    }

    /**
     * Task-only primitives never block a thread. The Universal* classes may (a plain thread waits in
     * them), through their one waiting helper, Bridge, and their short state locks.
     */
    static final ArchRule taskPrimitivesNeverBlock = noClasses().that().resideInAPackage("curio.sync..")
            .and().doNotHaveFullyQualifiedName("curio.sync.Bridge")            // the one wait of both worlds
            .and().doNotHaveFullyQualifiedName("curio.sync.UniversalQueue")    // short state lock
            .and().doNotHaveFullyQualifiedName("curio.sync.UniversalEvent")    // short state lock
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("a blocking call inside a task stalls every task of its kernel");

    /** Primitives are built from curio.api's traps and wait queues alone. */
    static final ArchRule builtOnTrapsOnly = classes().that().resideInAPackage("curio.sync..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("curio.sync..", "curio.api..", "java..")
            .because("curio.sync must run on any kernel; the kernel is reached through the traps");

    /** No java.util.concurrent locks in the task-only primitives. */
    static final ArchRule noJucLocksInTaskPrimitives = noClasses().that().resideInAPackage("curio.sync..")
            .and().haveSimpleNameNotStartingWith("Universal")
            .should().dependOnClassesThat().resideInAPackage("java.util.concurrent.locks..")
            .because("task-only primitives need no locks: one task of a kernel runs at a time");

    @Test void taskPrimitivesNeverBlock() { taskPrimitivesNeverBlock.check(sync); }
    @Test void builtOnTrapsOnly() { builtOnTrapsOnly.check(sync); }
    @Test void noJucLocksInTaskPrimitives() { noJucLocksInTaskPrimitives.check(sync); }
}
