/**
 * The service interfaces, for authors of backends: a selector backend implements
 * {@link curio.api.spi.SelectorProvider}, {@link curio.api.spi.ReadinessSelector} and
 * {@link curio.api.spi.SocketHandle} and declares the provider in its {@code module-info.java}; the kernel
 * finds it through {@link java.util.ServiceLoader}. Applications never use this package.
 * <pre>{@code
 * module com.example.selector.kqueue {
 *     requires curio.api;
 *     provides curio.api.spi.SelectorProvider with com.example.selector.kqueue.KqueueProvider;
 * }
 * }</pre>
 * The contract a backend must pass is {@code curio.test.SelectorContract}: subclass it in the backend's
 * tests and return the provider.
 */
package curio.api.spi;
