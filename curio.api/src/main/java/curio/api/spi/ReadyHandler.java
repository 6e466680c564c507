package curio.api.spi;

/** Receives each handle that {@link ReadinessSelector#select} found ready. */
@FunctionalInterface
public interface ReadyHandler {
    /**
     * Called on the kernel thread for one ready handle.
     *
     * @param handle the handle
     * @param readyOps {@link ReadinessSelector#READ}, {@link ReadinessSelector#WRITE}, or both
     */
    void ready(IoHandle handle, int readyOps);
}
