package curio.kernel;

import curio.api.trap.Rethrow;
import java.util.concurrent.Callable;

/**
 * The bridge for a kernel started on a virtual thread: its work runs on a platform thread of its own while
 * the caller waits, unmounted.
 * <p>Why: the kernel's poll is a blocking system call, and a blocking system call made on a virtual thread
 * pins the JDK carrier thread under it (an FFM downcall such as {@code epoll_wait} does, and the JDK does not
 * compensate). With as many kernels as cores, each started on a virtual thread and idle, no other virtual
 * thread of the application would ever run again. A platform thread per such kernel costs one thread;
 * a waiting virtual caller costs nothing.
 */
final class PlatformDriver {

    private PlatformDriver() {}

    /**
     * Returns {@code work}'s value, run on a new platform thread named {@code name} when the caller is
     * virtual, or right here on a platform caller. Throws what {@code work} throws.
     */
    static <T> T call(String name, Callable<T> work) throws Exception {
        if (!Thread.currentThread().isVirtual()) {
            return work.call();
        }
        Object[] outcome = new Object[2];
        Thread platform = Thread.ofPlatform().name(name).start(() -> {
            try {
                outcome[0] = work.call();
            } catch (Throwable t) {
                outcome[1] = t;
            }
        });
        joinUninterruptibly(platform); // the join's happens-before edge publishes the outcome
        if (outcome[1] != null) {
            throw Rethrow.unchecked((Throwable) outcome[1]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) outcome[0];
        return value;
    }

    /** Waits for {@code t} to end; an interrupt meanwhile is kept for the caller, not lost, and not obeyed. */
    static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join(); // the sync world waiting for the async one: a bridge, not task code
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
