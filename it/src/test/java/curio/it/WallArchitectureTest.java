package curio.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall across every assembled module. */
class WallArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importAll() {
        all = Wall.importModules("curio.api", "curio.kernel", "curio.selector.nio", "curio.selector.epoll",
                "curio.selector.sim", "curio.sync", "curio.net", "curio.process", "it");
        assertTrue(all.size() > 50, "sanity: the import found every module, got " + all.size());
    }

    /** Nothing outside the kernel names a kernel class; it is reached through ServiceLoader. */
    static final ArchRule nothingDependsOnTheKernel = noClasses().that().resideOutsideOfPackage("curio.kernel..")
            .should().dependOnClassesThat().resideInAPackage("curio.kernel..")
            .because("curio.kernel is an implementation found at launch, never a compile-time dependency");

    /** Nothing outside a selector module names its classes. */
    static final ArchRule nothingDependsOnSelectors = noClasses().that().resideOutsideOfPackage("curio.selector..")
            .should().dependOnClassesThat().resideInAPackage("curio.selector..")
            .because("selector backends are plug-ins of curio.api.spi, chosen at launch");

    /** The kernel's plumbing is curio.api's and curio.kernel's alone: every other module goes through Traps. */
    static final ArchRule internalsStayInside = noClasses().that().resideOutsideOfPackages("curio.api..", "curio.kernel..")
            .should().dependOnClassesThat().resideInAPackage("curio.api.internal..")
            .because("curio.api.internal is exported to curio.kernel only; Traps is the one door into a kernel");

    /** Async code blocks no thread; the named classes are the bridges where the worlds meet. */
    static final ArchRule asyncCodeNeverBlocks = noClasses().that().resideInAPackage("curio..")
            .and().doNotHaveFullyQualifiedName("curio.api.WorkerPool$Worker")             // worker threads
            .and().doNotHaveFullyQualifiedName("curio.kernel.VirtualCarrier")            // poll hand-off park
            .and().doNotHaveFullyQualifiedName("curio.kernel.PlatformDriver")            // a virtual caller joins its kernel's thread
            .and().doNotHaveFullyQualifiedName("curio.kernel.BlockedKernelWatch")        // its own daemon thread samples
            .and().doNotHaveFullyQualifiedName("curio.kernel.VirtualCarrier$VirtualFiber") // baton park
            .and().doNotHaveFullyQualifiedName("curio.kernel.Monitor")                 // the monitor's own thread
            .and().doNotHaveFullyQualifiedName("curio.selector.nio.NioSelector")         // the kernel's poll
            .and().doNotHaveFullyQualifiedName("curio.sim.SimSelector")                  // alone, it waits for wakeup()
            .and().doNotHaveFullyQualifiedName("curio.sim.SeedRunners")                  // joins runs, outside any task
            .and().doNotHaveFullyQualifiedName("curio.sync.Bridge")                      // a thread's universal wait
            .and().doNotHaveFullyQualifiedName("curio.sync.UniversalQueue")              // short state lock
            .and().doNotHaveFullyQualifiedName("curio.sync.UniversalEvent")              // short state lock
            .and().doNotHaveFullyQualifiedName("curio.process.PipeReader")               // a child's pipe pump
            .and().doNotHaveFullyQualifiedName("curio.api.AsyncThread")                  // an async thread's AWAIT
            .and().doNotHaveFullyQualifiedName("curio.process.PipeWriter")               // writes in runInThread
            .and().doNotHaveFullyQualifiedName("curio.process.WorkerMain")               // a worker JVM's main
            .and().doNotHaveFullyQualifiedName("curio.it.examples.WorkerJobs$Slow")      // runs in a worker JVM
            .and().doNotHaveFullyQualifiedName("curio.it.examples.MonitorClient")        // a plain blocking tool
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("a blocking call inside a task stalls every task of its kernel");

    /**
     * A simulation keeps to simulated time: real time or a thread inside it would make two runs of one
     * seed differ. Two exceptions: the selector waits for {@code wakeup()} when used without a kernel
     * (the selector contract does), and the seed runner starts and joins a thread per parallel run from
     * outside every run (Simulation.check refuses a call from a task).
     */
    static final ArchRule simulationKeepsToSimulatedTime = noClasses().that().resideInAPackage("curio.sim..")
            .and().doNotHaveFullyQualifiedName("curio.sim.SimSelector")
            .and().doNotHaveFullyQualifiedName("curio.sim.SeedRunners")
            .should().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Thread.class, "start")
            .orShould().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("a simulated run must be a function of its seed");

    /**
     * The seed runner's exemption above holds only because nothing inside a run can reach it:
     * {@code Simulation.check} is its one caller (and refuses a call from a task).
     */
    static final ArchRule seedRunnerOnlyFromCheck = classes().that().haveFullyQualifiedName("curio.sim.SeedRunners")
            .should().onlyBeAccessed().byClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "Simulation (or the runner itself)", (com.tngtech.archunit.core.domain.JavaClass c) ->
                            c.getFullName().startsWith("curio.sim.Simulation") || c.getFullName().startsWith("curio.sim.SeedRunners")))
            .because("the runner starts and joins threads, which no simulated run may do");

    /** Modules form no cycles. */
    static final ArchRule noCycles = slices().matching("curio.(*)..").should().beFreeOfCycles();

    @Test void nothingDependsOnTheKernel() { nothingDependsOnTheKernel.check(all); }
    @Test void nothingDependsOnSelectors() { nothingDependsOnSelectors.check(all); }
    @Test void asyncCodeNeverBlocks() { asyncCodeNeverBlocks.check(all); }
    @Test void internalsStayInside() { internalsStayInside.check(all); }
    @Test void noCycles() { noCycles.check(all); }
    @Test void simulationKeepsToSimulatedTime() { simulationKeepsToSimulatedTime.check(all); }
    @Test void seedRunnerOnlyFromCheck() { seedRunnerOnlyFromCheck.check(all); }
}
