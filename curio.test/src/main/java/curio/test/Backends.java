package curio.test;

import curio.api.spi.Providers;
import curio.api.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backends a test runs on: every installed and supported selector times both carriers, as ids
 * such as {@code "continuation, epoll"} (carrier, then selector), which are also the display names of
 * the runs. {@link Kernels} turns an id into a kernel.
 */
public final class Backends {

    private Backends() {}

    /** The carriers every test runs on. */
    public static final List<String> CARRIERS = List.of("continuation", "virtual");

    /**
     * The ids {@link EachBackend} runs a test with, e.g. {@code "continuation, nio"}, {@code "virtual, epoll"}.
     *
     * @return the text
     */
    public static Stream<String> all() {
        List<String> ids = new ArrayList<>();
        for (SelectorProvider p : Providers.selectors()) {
            if (p.unsupportedReason().isPresent() || p.priority() < 0) {
                continue; // unsupported here, or chosen only by name (a simulation backend): not a default run
            }
            for (String carrier : CARRIERS) {
                ids.add(id(carrier, p.name()));
            }
        }
        return ids.stream().sorted();
    }

    /**
     * The id of a run: {@code "continuation, epoll"}.
     *
     * @param carrier the carrier id
     * @param selector the selector name
     * @return the text
     */
    public static String id(String carrier, String selector) {
        return carrier + ", " + selector;
    }

    /**
     * Why {@code carrier} cannot run in this JVM, naming the flags that fix it; empty when it can. The
     * continuation carrier needs {@code --add-exports java.base/jdk.internal.vm=curio.kernel} and
     * {@code --add-opens java.base/java.lang=curio.kernel} (in Surefire's {@code argLine}); without them the
     * kernel would quietly run the virtual carrier instead.
     *
     * @param carrier the carrier id
     * @return the reason, naming the flags, or empty
     */
    public static Optional<String> unavailable(String carrier) {
        if (!carrier.equals("continuation")) {
            return Optional.empty();
        }
        Module kernel = ModuleLayer.boot().findModule("curio.kernel").orElse(null);
        Module base = Object.class.getModule();
        boolean exported = kernel != null ? base.isExported("jdk.internal.vm", kernel) : base.isExported("jdk.internal.vm");
        boolean opened = kernel != null ? base.isOpen("java.lang", kernel) : base.isOpen("java.lang"); // on the class path
        String target = kernel != null ? "curio.kernel" : "ALL-UNNAMED";
        return exported && opened ? Optional.empty() : Optional.of("the continuation carrier needs the JVM flags "
                + "--add-exports java.base/jdk.internal.vm=" + target + " --add-opens java.base/java.lang=" + target
                + " (add them to Surefire's argLine)");
    }
}
