/**
 * The kernel's plumbing, exported to {@code curio.kernel} alone: the door the traps call
 * ({@link curio.api.internal.KernelCore}), the thread's binding to its kernel, the task's kernel-independent
 * half, the task context, and the kernel-only state of exported types with the one way to reach it
 * ({@link curio.api.internal.KernelAccess}). It names no type of {@code curio.api.trap} or
 * {@code curio.api.spi}: those packages stand on it.
 * <pre>{@code
 * // in curio.kernel, as a task waits to read:
 * KernelAccess.reader(handle, task);
 * }</pre>
 */
package curio.api.internal;
