package curio.sync;

/**
 * What {@code hold()} returns: closing it releases what was acquired, so that a try-with-resources
 * block holds a lock, a semaphore or a condition's lock for exactly its extent.
 * <pre>{@code
 * try (var held = lock.hold()) {
 *     balance += amount;
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Held extends AutoCloseable {
    /** Releases what {@code hold()} acquired. Must be called from a task. */
    @Override
    void close();
}
