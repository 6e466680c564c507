package curio.selector.epoll;

import curio.api.spi.ReadinessSelector;
import curio.api.spi.SelectorProvider;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code "epoll"} selector backend: Linux epoll and raw socket system calls through
 * {@code java.lang.foreign}. Priority 20, so it wins over nio (10) wherever it is supported.
 * Supported on Linux x86_64 and aarch64; elsewhere {@link #unsupportedReason()} says why and the
 * automatic choice falls back to nio.
 */
public final class EpollSelectorProvider implements SelectorProvider {

    /** Called by {@link java.util.ServiceLoader}; does no work (the platform is probed lazily). */
    public EpollSelectorProvider() {}

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Optional<String> unsupportedReason() {
        return Probe.REASON;
    }

    @Override
    public ReadinessSelector open() throws IOException {
        Probe.REASON.ifPresent(r -> {
            throw new IllegalStateException("the epoll selector is not supported here: " + r);
        });
        return new EpollSelector(Probe.ARCH);
    }

    /** Probes once, on first use: OS, architecture, and whether the C library binds. */
    private static final class Probe {
        static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        static final Optional<String> REASON = probe();

        private static Optional<String> probe() {
            String os = System.getProperty("os.name", "");
            if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
                return Optional.of("requires Linux, this is " + os);
            }
            if (!ARCH.equals("amd64") && !ARCH.equals("x86_64") && !ARCH.equals("aarch64")) {
                return Optional.of("requires x86_64 or aarch64, this is " + ARCH);
            }
            try {
                LibC.epollEvent(ARCH);
                Object touch = LibC.EPOLL_CREATE1; // binds every handle, or fails with the missing one
                return touch == null ? Optional.of("the C library did not bind") : Optional.empty();
            } catch (Throwable t) {
                String hint = t instanceof IllegalCallerException
                        ? " (run with --enable-native-access=curio.selector.epoll)" : "";
                return Optional.of("cannot bind the C library: " + t + hint);
            }
        }
    }
}
