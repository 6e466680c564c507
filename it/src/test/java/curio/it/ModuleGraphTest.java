package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.spi.KernelProvider;
import curio.api.spi.Providers;
import curio.api.spi.SelectorProvider;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module graph as an artifact: what each module exports, requires and provides. */
class ModuleGraphTest {

    private static ModuleDescriptor descriptor(String module) {
        return ModuleLayer.boot().findModule(module)
                .orElseThrow(() -> new AssertionError(module + " is not in the boot layer"))
                .getDescriptor();
    }

    @Test
    void apiRequiresOnlyJavaBase() {
        Set<String> requires = descriptor("curio.api").requires().stream()
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base"), requires);
        assertEquals(Set.of("curio.api", "curio.api.trap", "curio.api.spi"),
                descriptor("curio.api").exports().stream().filter(e -> !e.isQualified())
                        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    /** The kernel's plumbing goes to the kernel alone: no user module can bind a thread or reach a kernel. */
    @Test
    void apiExportsItsInternalsToTheKernelOnly() {
        Set<ModuleDescriptor.Exports> qualified = descriptor("curio.api").exports().stream()
                .filter(ModuleDescriptor.Exports::isQualified).collect(Collectors.toSet());
        assertEquals(1, qualified.size(), qualified.toString());
        ModuleDescriptor.Exports internal = qualified.iterator().next();
        assertEquals("curio.api.internal", internal.source());
        assertEquals(Set.of("curio.kernel"), internal.targets());
        Module examples = ModuleGraphTest.class.getModule();
        assertTrue(examples.isNamed(), "the test runs in curio.it, a named module");
        assertFalse(curio.api.Curio.class.getModule()
                .isExported("curio.api.internal", examples), "curio.it must not see curio.api.internal");
    }

    @Test
    void kernelAndSelectorsExportNothingAndProvideTheirSpi() {
        ModuleDescriptor kernel = descriptor("curio.kernel");
        assertTrue(kernel.exports().isEmpty());
        assertEquals(Set.of(KernelProvider.class.getName()),
                kernel.provides().stream().map(ModuleDescriptor.Provides::service).collect(Collectors.toSet()));
        ModuleDescriptor nio = descriptor("curio.selector.nio");
        assertTrue(nio.exports().isEmpty());
        assertEquals(Set.of(SelectorProvider.class.getName()),
                nio.provides().stream().map(ModuleDescriptor.Provides::service).collect(Collectors.toSet()));
        assertEquals(Set.of("java.base", "curio.api"),
                nio.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        ModuleDescriptor epoll = descriptor("curio.selector.epoll");
        assertTrue(epoll.exports().isEmpty());
        assertEquals(Set.of(SelectorProvider.class.getName()),
                epoll.provides().stream().map(ModuleDescriptor.Provides::service).collect(Collectors.toSet()));
        assertEquals(Set.of("java.base", "curio.api"),
                epoll.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }

    @Test
    void serviceLoaderFindsTheProviders() {
        SelectorProvider nio = Providers.selectors().stream().filter(p -> p.name().equals("nio")).findFirst()
                .orElseThrow();
        assertEquals(10, nio.priority());
        assertTrue(nio.unsupportedReason().isEmpty());
        SelectorProvider epoll = Providers.selectors().stream().filter(p -> p.name().equals("epoll")).findFirst()
                .orElseThrow();
        assertEquals(20, epoll.priority());
        assertEquals("epoll", Providers.selector(null).name(), "auto choice on Linux");
        assertEquals("default", Providers.kernel().name());
    }

    @Test
    void syncRequiresOnlyTheApi() {
        ModuleDescriptor sync = descriptor("curio.sync");
        assertEquals(Set.of("java.base", "curio.api"),
                sync.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of("curio.sync"),
                sync.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void netRequiresOnlyTheApi() {
        ModuleDescriptor net = descriptor("curio.net");
        assertEquals(Set.of("java.base", "curio.api"),
                net.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of("curio.net", "curio.file"),
                net.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void examplesRequireOnlyTheLibraryApis() {
        Set<String> requires = descriptor("curio.it").requires().stream()
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "curio.api", "curio.sync", "curio.net", "curio.process"), requires);
    }
}
