package curio.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An event shared by curio tasks and plain threads, across kernels (Curio's {@code UniversalEvent}):
 * {@link #await()} suspends a task or blocks a thread; {@link #set()} may come from either world.
 * <pre>{@code
 * UniversalEvent done = new UniversalEvent();
 * Thread.ofPlatform().start(() -> { work(); done.set(); });
 * Curio.run(done::await);
 * }</pre>
 */
public final class UniversalEvent {

    private final ReentrantLock lock = new ReentrantLock();
    private boolean set;                                                         // guarded by lock
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();    // guarded by lock

    /** Creates an event that is not set. */
    public UniversalEvent() {}

    /** Waits until the event is set; returns at once if it is. From a task or a thread. */
    public void await() {
        CompletableFuture<Void> f = awaitAsync();
        if (!f.isDone()) {
            Bridge.await(f, () -> forget(f), "UniversalEvent.await()");
        }
    }

    /**
     * Returns a future completed when the event is set, for code on another event loop.
     *
     * @return a future completed when the event is set, for code on another event loop
     */
    public CompletableFuture<Void> awaitAsync() {
        lock.lock();
        try {
            if (set) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.add(f);
            return f;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the event and releases every waiter, in either world. From a task or a thread; never blocks. */
    public void set() {
        List<CompletableFuture<Void>> release;
        lock.lock();
        try {
            set = true;
            release = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        release.forEach(f -> f.complete(null));
    }

    /** Clears the event. */
    public void clear() {
        lock.lock();
        try {
            set = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns whether the event is set.
     *
     * @return whether the event is set
     */
    public boolean isSet() {
        lock.lock();
        try {
            return set;
        } finally {
            lock.unlock();
        }
    }

    private void forget(CompletableFuture<Void> f) {
        lock.lock();
        try {
            waiters.remove(f);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "UniversalEvent[" + (isSet() ? "set" : "unset") + "]";
    }
}
