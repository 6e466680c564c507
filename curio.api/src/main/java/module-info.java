/**
 * Curio's public API: tasks, task groups, timeouts and cancellation.
 * <p>Three audiences, three packages: {@code curio.api} for applications; {@code curio.api.trap}
 * (the traps and the wait queues) for authors of primitives such as curio.sync and curio.net;
 * {@code curio.api.spi} for authors of selector backends and kernels. The kernel's own plumbing,
 * {@code curio.api.internal}, is exported to {@code curio.kernel} alone.
 * <p>A program needs only {@code requires curio.api;} plus {@code curio.kernel} and a selector
 * module on the module path; both are found through {@link java.util.ServiceLoader}.
 *
 * @uses curio.api.spi.KernelProvider
 * @uses curio.api.spi.SelectorProvider
 * @uses curio.api.spi.ContextCarrier
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
    uses curio.api.spi.ContextCarrier;

    // -- the kernel's side of the traps: no one else may bind a thread, mark a task or reach the kernel
    exports curio.api.internal to curio.kernel;
}
