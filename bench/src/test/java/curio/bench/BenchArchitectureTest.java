package curio.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import curio.testkit.Wall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the benchmarks may depend on. */
class BenchArchitectureTest {

    private static JavaClasses bench;

    @BeforeAll
    static void importBench() {
        bench = Wall.importModules("bench");
        assertTrue(bench.size() >= 5, "sanity: the import found the benchmarks, got " + bench.size());
    }

    /** Benchmarks measure curio as a user sees it: through the API, never the kernel's classes. */
    static final ArchRule benchmarksUseThePublicApi = noClasses().that().resideInAPackage("curio.bench..")
            .should().dependOnClassesThat().resideInAnyPackage("curio.kernel..", "curio.selector..")
            .because("a benchmark of internals would measure what users never run");

    /** Peers (Netty, ...) appear only as baselines. */
    static final ArchRule peersOnlyInBaselines = noClasses().that().resideInAPackage("curio.bench..")
            .and().resideOutsideOfPackage("curio.bench.baseline..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..")
            .because("Netty is a peer to measure against, confined to curio.bench.baseline");

    @Test void benchmarksUseThePublicApi() { benchmarksUseThePublicApi.check(bench); }
    @Test void peersOnlyInBaselines() { peersOnlyInBaselines.check(bench); }
}
