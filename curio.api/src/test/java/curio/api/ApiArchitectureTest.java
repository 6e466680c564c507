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

    /**
     * The three subpackages form layers, not a knot: {@code internal} (the kernel's plumbing) names neither of
     * the others, {@code spi} names only it, {@code trap} both. The root package and a subpackage may name
     * each other, as {@code java.nio.channels} and its {@code spi} do; it is not a slice here.
     */
    static final ArchRule subpackagesFormLayers = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("curio.api.(*)..").should().beFreeOfCycles()
            .because("a package cycle means neither side can be understood, or changed, alone");

    /** The kernel-only state is reached one way: KernelAccess, by curio.kernel (and the classes it unlocks). */
    static final ArchRule kernelAccessIsTheKernels = noClasses().that().resideInAPackage("curio.api..")
            .and().resideOutsideOfPackage("curio.api.internal")
            .should().dependOnClassesThat().haveFullyQualifiedName("curio.api.internal.KernelAccess")
            .because("waiter slots and wait queues are the kernel's alone (issue 25)");

    /** The internal package sits at the bottom: it names no type of trap or spi. */
    static final ArchRule internalNamesNoLayerAbove = noClasses().that().resideInAPackage("curio.api.internal")
            .should().dependOnClassesThat().resideInAnyPackage("curio.api.trap", "curio.api.spi")
            .because("the kernel's plumbing is the ground the trap door and the SPI stand on");

    @Test
    void subpackagesFormLayers() {
        subpackagesFormLayers.check(api);
    }

    @Test
    void kernelAccessIsTheKernels() {
        kernelAccessIsTheKernels.check(api);
    }

    @Test
    void internalNamesNoLayerAbove() {
        internalNamesNoLayerAbove.check(api);
    }

    /** No method of an exported type (public there, or an interface's) is documented as the kernel's: that is a hole. */
    @Test
    void noExportedMethodIsForTheKernel() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("src/main/java/curio/api");
        java.util.regex.Pattern doc = java.util.regex.Pattern.compile(
                "/\\*\\*((?:(?!\\*/).)*)\\*/\\s*(?:@[A-Za-z.]+(?:\\([^)]*\\))?+\\s*)*+[^;{=/@\"(]*[A-Za-z0-9_]\\(", java.util.regex.Pattern.DOTALL);
        java.util.regex.Pattern forKernel = java.util.regex.Pattern.compile(
                "kernel side|for the kernel|kernel only|only the kernel", java.util.regex.Pattern.CASE_INSENSITIVE);
        java.util.List<String> found = new java.util.ArrayList<>();
        int methods = 0;
        for (String pkg : java.util.List.of("", "trap", "spi")) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(root.resolve(pkg))) {
                for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    java.util.regex.Matcher m = doc.matcher(java.nio.file.Files.readString(f));
                    while (m.find()) {
                        methods++;
                        if (forKernel.matcher(m.group(1)).find()) {
                            found.add(f.getFileName() + ": " + m.group(1).strip().lines().findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        assertTrue(methods > 200, "sanity: the scan found the documented methods, got " + methods);
        assertTrue(found.isEmpty(), "exported methods documented as the kernel's: " + found);
    }

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
