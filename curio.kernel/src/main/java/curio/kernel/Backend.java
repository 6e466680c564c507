package curio.kernel;

import curio.api.Activation;
import curio.api.spi.BackendClock;
import curio.api.spi.Disk;
import curio.api.spi.KernelConfig;
import curio.api.spi.NameResolver;
import curio.api.spi.Randomness;
import curio.api.spi.ReadinessSelector;
import curio.api.spi.ThreadWaits;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The kernel's backend: the selector it opened, and what that selector offers in place of the real world
 * ({@link ReadinessSelector#capability}). This is the one place where the kernel learns how a backend's
 * world differs from the machine's; past it, the kernel asks questions ("may a task wait on a thread?",
 * "when is the next event?") and never which backend it runs on.
 * <p>Each kind is asked once, here, and resolved to the backend's answer or the real-world default, so
 * that the hot paths read a final field. A kind the kernel does not use itself (a module's own, say a
 * disk) is passed through to the selector at each {@link #capability} call, without a default.
 */
final class Backend {

    final ReadinessSelector selector;
    /** The backend's clock, or null: the machine's (or the builder's virtual) clock keeps the time. */
    final BackendClock clock;
    final ThreadWaits threadWaits;
    final Randomness randomness;
    final NameResolver names;
    final Disk disk;
    /** The backend's own watch on tasks, installed after the builder's activations; null for none. */
    final Activation watch;

    Backend(KernelConfig config) {
        try {
            selector = config.selector().open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open selector '" + config.selector().name() + "'", e);
        }
        clock = selector.capability(BackendClock.class);
        threadWaits = orDefault(selector.capability(ThreadWaits.class), ThreadWaits.ALLOWED);
        randomness = orDefault(selector.capability(Randomness.class), Randomness.SYSTEM);
        names = orDefault(selector.capability(NameResolver.class), NameResolver.SYSTEM);
        disk = orDefault(selector.capability(Disk.class), Disk.SYSTEM);
        watch = selector.capability(Activation.class);
    }

    /**
     * The backend's capability of {@code kind}, or its real-world default; null for a kind with no
     * default that the backend does not offer. The selector itself answers for {@code ReadinessSelector}.
     */
    <C> C capability(Class<C> kind) {
        Object known = kind == ReadinessSelector.class ? selector
                : kind == ThreadWaits.class ? threadWaits
                : kind == Randomness.class ? randomness
                : kind == NameResolver.class ? names
                : kind == Disk.class ? disk
                : kind == BackendClock.class ? clock
                : kind == Activation.class ? watch
                : selector.capability(kind);
        return kind.cast(known);
    }

    private static <C> C orDefault(C offered, C fallback) {
        return offered != null ? offered : fallback;
    }
}
