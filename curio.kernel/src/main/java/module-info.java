/**
 * The curio-java kernel: the run loop, the traps, the time queue, the worker pool and the two carriers.
 * <p>Exports nothing; {@code curio.api} finds it through {@link java.util.ServiceLoader}. The
 * continuation carrier needs {@code --add-exports java.base/jdk.internal.vm=curio.kernel} and
 * {@code --add-opens java.base/java.lang=curio.kernel} (the second gives each task its own thread-locals on the
 * kernel's thread); without them the kernel runs every task on the virtual carrier.
 *
 * @provides curio.api.spi.KernelProvider the {@code "default"} kernel
 */
module curio.kernel {
    requires curio.api;
    requires org.jctools.core;
    requires jdk.jfr;
    requires java.management;

    provides curio.api.spi.KernelProvider with curio.kernel.DefaultKernelProvider;
}
