package curio.process;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Work that can travel to a worker JVM: a callable that is itself serializable and returns a
 * serializable value. Its class must be on the worker's module or class path (the same as the caller's).
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SerializableCallable<T extends Serializable> extends Callable<T>, Serializable {}
