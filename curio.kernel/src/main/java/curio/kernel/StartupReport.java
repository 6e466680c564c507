package curio.kernel;

import curio.api.spi.Providers;
import curio.api.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The line a JVM's first kernel logs, so that a user knows what they got and, when the automatic
 * choice fell back, why and which flag would change it:
 * <pre>
 * curio kernel: carrier virtual, selector epoll (continuation needs --add-opens java.base/java.lang=curio.kernel (each task's own thread-locals))
 * </pre>
 * INFO for the first kernel of the JVM, DEBUG for every later one, so a program that makes many
 * kernels (a test suite) says it once.
 */
final class StartupReport {

    private static final System.Logger LOG = System.getLogger("curio.kernel");
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private StartupReport() {}

    static void log(String kernelName, Carrier carrier, SelectorProvider selector) {
        System.Logger.Level level = SAID.compareAndSet(false, true) ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
        if (!LOG.isLoggable(level)) {
            return;
        }
        LOG.log(level, line(kernelName, carrier, selector));
    }

    static String line(String kernelName, Carrier carrier, SelectorProvider selector) {
        List<String> notes = new ArrayList<>();
        if (!carrier.name().equals("continuation") && !Carriers.continuationsAllowed()) {
            notes.add("continuation needs " + Carriers.missing());
        }
        for (SelectorProvider p : Providers.selectors()) {
            if (p.priority() > selector.priority() && p.unsupportedReason().isPresent()) {
                notes.add(p.name() + " unavailable: " + p.unsupportedReason().get());
            }
        }
        return "curio kernel " + kernelName + ": carrier " + carrier.name() + ", selector " + selector.name()
                + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
    }
}
