package curio.api.internal;

/**
 * A context carrier as {@link TaskContext} calls it: {@code curio.api.spi.ContextCarrier} extends this, so
 * that the kernel's plumbing names no type of the SPI. The methods mean what {@code ContextCarrier}'s say.
 *
 * @param <S> the captured state
 */
public interface ContextHooks<S> {

    /**
     * Captures the calling thread's state.
     *
     * @return the state, possibly null
     */
    S capture();

    /**
     * Installs captured state on the calling thread.
     *
     * @param state what {@link #capture()} returned
     */
    void install(S state);

    /** Removes the carried state from the calling thread. */
    void clear();

    /**
     * Encodes state for another process.
     *
     * @param state what {@link #capture()} returned
     * @return the text, or null for nothing to send
     */
    String encode(S state);

    /**
     * Decodes state another process encoded.
     *
     * @param text what {@link #encode} returned there
     * @return the state to install
     */
    S decode(String text);
}
