package curio.api.spi;

import java.io.IOException;
import java.util.Optional;

/**
 * Service that provides an I/O readiness backend ({@code nio}, {@code epoll}, ...).
 * <p>Constructors must be cheap and never probe the platform: {@link java.util.ServiceLoader} creates
 * every provider it finds. Probe lazily in {@link #unsupportedReason()}.
 * <p>Choice at launch (implemented once, in {@link Providers#selector(String)}): the name given to
 * {@code Kernel.builder().selector(name)}, else the system property {@code curio.selector}, else the
 * supported provider with the highest {@link #priority()}.
 */
public interface SelectorProvider {

    /**
     * Stable id, lower case; the value of {@code -Dcurio.selector}.
     *
     * @return the text
     */
    String name();

    /**
     * Among supported providers, the highest wins when none is named; a negative priority means
     * never chosen unless named (a backend that is not a real network, such as {@code sim}).
     *
     * @return the priority
     */
    int priority();

    /**
     * Empty if usable on this machine; otherwise why not, e.g. "requires Linux".
     *
     * @return the text
     */
    Optional<String> unsupportedReason();

    /**
     * Opens a selector owned by one kernel thread.
     *
     * @return a new selector
     * @throws IOException if the OS refuses
     */
    ReadinessSelector open() throws IOException;
}
