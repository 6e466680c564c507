package curio.sync;

import curio.api.TaskState;
import curio.api.trap.SchedBarrier;
import curio.api.trap.SchedFIFO;
import java.util.ArrayDeque;

/**
 * A FIFO queue between tasks (Curio's {@code Queue}), unbounded or bounded. Getters are served in the
 * order they arrived; a bounded queue's putters wait, in order, for room. {@link #join()} waits until
 * every item put has been marked done with {@link #taskDone()}.
 * <pre>{@code
 * Queue<String> q = new Queue<>(10);
 * Curio.spawn(() -> { while (true) { handle(q.get()); q.taskDone(); } });
 * q.put("job");
 * q.join();
 * }</pre>
 * Getting from a non-empty queue and putting into one with room are not cancellation points.
 * Not thread-safe: a queue belongs to the tasks of one kernel (see {@link UniversalQueue}).
 *
 * @param <T> the item type
 */
@SuppressWarnings("this-escape") // a wait queue only keeps its owner, to name it in reports; it reads nothing of it
public class Queue<T> {

    private static final TaskState QUEUE_GET = TaskState.of("QUEUE_GET"); // Curio's name for this wait
    private static final TaskState QUEUE_PUT = TaskState.of("QUEUE_PUT"); // Curio's name for this wait
    private static final TaskState QUEUE_JOIN = TaskState.of("QUEUE_JOIN"); // Curio's name for this wait

    /* Implementation notes. Items and room are handed off: a put that wakes a waiting getter reserves
     * an item for it (reservedItems), and a get that wakes a waiting putter reserves a slot for it
     * (reservedRoom). Newcomers see only what is not reserved, so a woken task always finds what it
     * was woken for and can never be overtaken. A woken task whose cancellation arrives afterwards
     * only gets it pending (CURIO-SPEC 2.5), so it still takes its item: nothing is lost. A waiter
     * cancelled while still queued leaves nothing behind: no reservation was made for it. */

    private final int maxSize;                              // 0: unbounded
    private final SchedFIFO getters = new SchedFIFO(this);
    private final SchedFIFO putters = new SchedFIFO(this);
    private final SchedBarrier joiners = new SchedBarrier(this);
    private int reservedItems;   // items promised to woken getters
    private int reservedRoom;    // slots promised to woken putters
    private int unfinished;      // put minus taskDone

    /** Creates an unbounded queue. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a queue holding at most {@code maxSize} items; 0 means unbounded.
     *
     * @param maxSize the most items held at once (0 or less: unbounded)
     * @throws IllegalArgumentException if {@code maxSize} is negative
     */
    public Queue(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("Queue: maxSize must not be negative, got " + maxSize);
        }
        this.maxSize = maxSize;
    }

    /** Storage: adds an item. */
    void store(T item) {
        items().addLast(item);
    }

    /** Storage: removes the next item; called only when one is there. */
    T take() {
        return items().pollFirst();
    }

    /** Storage: the number of stored items. */
    int stored() {
        return items().size();
    }

    private ArrayDeque<T> fifo;

    private ArrayDeque<T> items() {
        if (fifo == null) {
            fifo = new ArrayDeque<>();
        }
        return fifo;
    }

    /**
     * Removes and returns the next item, waiting (in arrival order) while the queue is empty.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     *
     * @return the body's result
     */
    public T get() {
        if (stored() - reservedItems > 0) {
            return taken();
        }
        getters.suspend(QUEUE_GET); // woken with an item reserved
        reservedItems--;
        return taken();
    }

    private T taken() {
        T item = take();
        if (maxSize > 0 && !putters.isEmpty() && putters.wake(1) > 0) {
            reservedRoom++;
        }
        return item;
    }

    /**
     * Adds an item, waiting (in arrival order) while a bounded queue is full.
     * Must be called from a task; from a plain thread it throws {@code IllegalStateException}.
     *
     * @param item the item
     */
    public void put(T item) {
        if (maxSize > 0 && stored() + reservedRoom >= maxSize) {
            putters.suspend(QUEUE_PUT); // woken with a slot reserved
            reservedRoom--;
        }
        store(item);
        unfinished++;
        if (!getters.isEmpty() && getters.wake(1) > 0) {
            reservedItems++;
        }
    }

    /**
     * Returns the number of items in the queue, including those promised to woken getters.
     *
     * @return the number of items in the queue, including those promised to woken getters
     */
    public int size() {
        return stored();
    }

    /**
     * Returns true when no item is waiting.
     *
     * @return true when no item is waiting
     */
    public boolean isEmpty() {
        return stored() == 0;
    }

    /**
     * Returns true when a bounded queue has no room (an unbounded queue is never full).
     *
     * @return true when a bounded queue has no room (an unbounded queue is never full)
     */
    public boolean isFull() {
        return maxSize > 0 && stored() + reservedRoom >= maxSize;
    }

    /**
     * Returns the bound, or 0 for an unbounded queue.
     *
     * @return the bound, or 0 for an unbounded queue
     */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Marks one item put earlier as done; the last one wakes every task in {@link #join()}.
     * Must be called from a task.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        if (unfinished == 0) {
            throw new IllegalStateException("Queue.taskDone() called more times than items were put");
        }
        if (--unfinished == 0 && !joiners.isEmpty()) {
            joiners.wakeAll();
        }
    }

    /** Waits until every item put has been marked done. Must be called from a task. */
    public void join() {
        if (unfinished > 0) {
            joiners.suspend(QUEUE_JOIN);
        }
    }

    /**
     * Returns a snapshot for monitoring.
     *
     * @return a snapshot for monitoring
     */
    public QueueStatistics statistics() {
        return new QueueStatistics(stored(), maxSize, getters.size(), putters.size(), unfinished);
    }

    /**
     * What a queue is doing.
     *
     * @param size items stored
     * @param maxSize bound, 0 if none
     * @param getting tasks waiting to get
     * @param putting tasks waiting to put
     * @param unfinished items not yet marked done
     */
    public record QueueStatistics(int size, int maxSize, int getting, int putting, int unfinished) {}

    @Override
    public String toString() {
        return getClass().getSimpleName() + statistics();
    }
}
