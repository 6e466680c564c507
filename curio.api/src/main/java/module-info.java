/**
 * Curio's public API: tasks, task groups, timeouts and cancellation.
 * <p>{@code curio.api.trap} is the low-level trap layer for writing new primitives;
 * {@code curio.api.spi} is for kernel and selector implementers only.
 * <p>A program needs only {@code requires curio.api;} plus {@code curio.kernel} and a selector
 * module on the module path; both are found through {@link java.util.ServiceLoader}.
 *
 * @uses curio.api.spi.KernelProvider
 * @uses curio.api.spi.SelectorProvider
 */
module curio.api {
    // -- API for applications
    exports curio.api;

    // -- API for primitive authors (curio.sync, curio.net, ...)
    exports curio.api.trap;

    // -- service types implemented by curio.kernel and curio.selector.*
    exports curio.api.spi;
    uses curio.api.spi.KernelProvider;
    uses curio.api.spi.SelectorProvider;
}
