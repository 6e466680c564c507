package curio.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wall as it applies to curio.kernel. */
class KernelArchitectureTest {

    private static JavaClasses kernel;

    @BeforeAll
    static void importKernel() {
        kernel = Wall.importModules("curio.kernel");
        assertTrue(kernel.size() > 10, "sanity: the import found the kernel's classes, got " + kernel.size());
    }

    /**
     * Only the bridges block a thread: the monitor's threads serve its clients, and the virtual carrier
     * parks to pass the baton (and its driving thread waits for the loop). The loop itself waits only
     * inside the selector backend.
     */
    static final ArchRule kernelNeverBlocksOutsideItsBridges = noClasses().that().resideInAPackage("curio.kernel..")
            .and().doNotHaveFullyQualifiedName("curio.kernel.VirtualCarrier")            // poll hand-off park
            .and().doNotHaveFullyQualifiedName("curio.kernel.PlatformDriver")            // a virtual caller joins its kernel's thread
            .and().doNotHaveFullyQualifiedName("curio.kernel.BlockedKernelWatch")        // its own daemon thread samples
            .and().doNotHaveFullyQualifiedName("curio.kernel.VirtualCarrier$VirtualFiber") // baton park
            .and().doNotHaveFullyQualifiedName("curio.kernel.Monitor")                 // the monitor's own thread
            .should().callMethodWhere(Wall.BLOCKING_JDK_CALL)
            .because("the kernel thread and task code must never block; only named bridges may");

    /** Continuation types stay in one class, loaded only after the export check. */
    static final ArchRule continuationsStayInOneClass = noClasses().that().resideInAPackage("curio.kernel..")
            .and().doNotHaveFullyQualifiedName("curio.kernel.ContinuationCarrier")
            .and().doNotHaveFullyQualifiedName("curio.kernel.ContinuationCarrier$ContinuationFiber")
            .should().dependOnClassesThat().resideInAPackage("jdk.internal..")
            .because("loading a class that names Continuation without the export fails for good");

    /** The module exports nothing: its one public top-level class is the provider (nested members of
     *  package-private types are not reachable from outside, whatever their modifier). */
    static final ArchRule onlyTheProviderIsPublic = classes().that().resideInAPackage("curio.kernel..")
            .and().areTopLevelClasses().and().arePublic().should().haveFullyQualifiedName("curio.kernel.DefaultKernelProvider")
            .because("curio.kernel is found through ServiceLoader, never named");

    /** The kernel talks to selectors only through the SPI. */
    static final ArchRule noSelectorModuleClasses = noClasses().that().resideInAPackage("curio.kernel..")
            .should().dependOnClassesThat().resideInAPackage("curio.selector..")
            .because("selectors are chosen at launch through curio.api.spi.SelectorProvider");

    @Test void kernelNeverBlocksOutsideItsBridges() { kernelNeverBlocksOutsideItsBridges.check(kernel); }
    @Test void continuationsStayInOneClass() { continuationsStayInOneClass.check(kernel); }
    @Test void onlyTheProviderIsPublic() { onlyTheProviderIsPublic.check(kernel); }
    @Test void noSelectorModuleClasses() { noSelectorModuleClasses.check(kernel); }
}
