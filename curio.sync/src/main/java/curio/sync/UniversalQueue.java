package curio.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO queue shared by curio tasks (which suspend) and plain threads, virtual or platform (which
 * block), in any mix, across any number of kernels (Curio's {@code UniversalQueue}).
 * {@link #getAsync()} and {@link #putAsync(Object)} serve code on another event loop.
 * <pre>{@code
 * UniversalQueue<Job> jobs = new UniversalQueue<>();
 * Thread.ofPlatform().start(() -> jobs.put(new Job()));   // a thread puts
 * Curio.run(() -> handle(jobs.get()));                      // a task gets
 * }</pre>
 * A getter or putter that is cancelled (task) or interrupted (thread) never loses an item: either the
 * item was handed over and the operation completes (a task's cancellation then stays pending for its
 * next blocking operation), or it was not and the item stays where it was.
 *
 * @param <T> the item type
 */
public final class UniversalQueue<T> {

    /* Implementation notes. One short lock guards the state; it is never held while waiting, and no
     * future is completed under it except by compare-and-set inside CompletableFuture (completing may
     * run a task's wake-up callback, which only posts to its kernel's MPSC queue). Items are handed
     * straight to the oldest live getter; a cancelled getter's future refuses the item, which then
     * goes to the next getter or into the queue. */

    private record PendingPut<T>(T item, CompletableFuture<Void> admitted) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final int maxSize;
    private final ArrayDeque<T> items = new ArrayDeque<>();                      // guarded by lock
    private final ArrayDeque<CompletableFuture<T>> getters = new ArrayDeque<>(); // guarded by lock
    private final ArrayDeque<PendingPut<T>> putters = new ArrayDeque<>();       // guarded by lock
    private final List<CompletableFuture<Void>> joiners = new ArrayList<>();    // guarded by lock
    private int unfinished;                                                      // guarded by lock

    /** Creates an unbounded queue. */
    public UniversalQueue() {
        this(0);
    }

    /**
     * Creates a queue holding at most {@code maxSize} items; 0 means unbounded.
     *
     * @param maxSize the most items held at once (0 or less: unbounded)
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public UniversalQueue(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("UniversalQueue: maxSize must not be negative, got " + maxSize);
        }
        this.maxSize = maxSize;
    }

    /**
     * Removes and returns the next item, waiting while the queue is empty. From a task or a thread.
     *
     * @return the body's result
     */
    public T get() {
        CompletableFuture<T> f = getAsync();
        return f.isDone() ? f.join() : Bridge.await(f, () -> forget(getters, f), "UniversalQueue.get()");
    }

    /**
     * Adds an item, waiting while a bounded queue is full. From a task or a thread.
     *
     * @param item the item
     */
    public void put(T item) {
        CompletableFuture<Void> f = putAsync(item);
        if (!f.isDone()) {
            Bridge.await(f, () -> forgetPut(f), "UniversalQueue.put()");
        }
    }

    /**
     * Returns a future of the next item, for code on another event loop. Cancelling the future
     * withdraws the request; an item is never given to a cancelled future.
     *
     * @return a future of the next item, for code on another event loop
     */
    public CompletableFuture<T> getAsync() {
        lock.lock();
        try {
            if (!items.isEmpty()) {
                T item = items.pollFirst();
                admitPutter();
                return CompletableFuture.completedFuture(item);
            }
            CompletableFuture<T> f = new CompletableFuture<>();
            getters.addLast(f);
            return f;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds an item and returns a future completed once it is in the queue (at once unless a bounded
     * queue is full). Cancelling the future before then withdraws the item.
     *
     * @param item the item
     * @return completed once the item is in the queue
     */
    public CompletableFuture<Void> putAsync(T item) {
        lock.lock();
        try {
            if (!handOver(item)) {
                if (maxSize > 0 && items.size() >= maxSize) {
                    PendingPut<T> p = new PendingPut<>(item, new CompletableFuture<>());
                    putters.addLast(p);
                    return p.admitted();
                }
                items.addLast(item);
            }
            unfinished++;
            return CompletableFuture.completedFuture(null);
        } finally {
            lock.unlock();
        }
    }

    /** Gives the item to the oldest live getter; returns true if one took it. */
    private boolean handOver(T item) {
        CompletableFuture<T> g;
        while ((g = getters.pollFirst()) != null) {
            if (g.complete(item)) {
                return true;
            }
        }
        return false;
    }

    /** After a get made room: moves the oldest live pending put into the queue. */
    private void admitPutter() {
        PendingPut<T> p;
        while ((p = putters.pollFirst()) != null) {
            if (p.admitted().complete(null)) {
                items.addLast(p.item());
                unfinished++;
                return;
            }
        }
    }

    private <F> void forget(java.util.Collection<F> waiters, F f) {
        lock.lock();
        try {
            waiters.remove(f);
        } finally {
            lock.unlock();
        }
    }

    private void forgetPut(CompletableFuture<Void> f) {
        lock.lock();
        try {
            putters.removeIf(p -> p.admitted() == f);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks one item as done; the last one releases every {@link #join()}. From a task or a thread.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        List<CompletableFuture<Void>> release;
        lock.lock();
        try {
            if (unfinished == 0) {
                throw new IllegalStateException("UniversalQueue.taskDone() called more times than items were put");
            }
            if (--unfinished > 0 || joiners.isEmpty()) {
                return;
            }
            release = new ArrayList<>(joiners);
            joiners.clear();
        } finally {
            lock.unlock();
        }
        release.forEach(f -> f.complete(null));
    }

    /** Waits until every item put has been marked done. From a task or a thread. */
    public void join() {
        CompletableFuture<Void> f = joinAsync();
        if (!f.isDone()) {
            Bridge.await(f, () -> forget(joiners, f), "UniversalQueue.join()");
        }
    }

    /**
     * Returns a future completed when every item put has been marked done.
     *
     * @return a future completed when every item put has been marked done
     */
    public CompletableFuture<Void> joinAsync() {
        lock.lock();
        try {
            if (unfinished == 0) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            joiners.add(f);
            return f;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of items in the queue.
     *
     * @return the number of items in the queue
     */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns true when no item is waiting.
     *
     * @return true when no item is waiting
     */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Returns true when a bounded queue has no room (Curio 1.6 always said false, CURIO-SPEC 14.7).
     *
     * @return true when a bounded queue has no room (Curio 1
     */
    public boolean isFull() {
        return maxSize > 0 && size() >= maxSize;
    }

    /**
     * Returns the bound, or 0 for an unbounded queue.
     *
     * @return the bound, or 0 for an unbounded queue
     */
    public int maxSize() {
        return maxSize;
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "UniversalQueue[size=" + items.size() + ", maxSize=" + maxSize + ", getting=" + getters.size()
                    + ", putting=" + putters.size() + ", unfinished=" + unfinished + "]";
        } finally {
            lock.unlock();
        }
    }
}
