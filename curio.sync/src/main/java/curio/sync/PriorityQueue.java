package curio.sync;

import java.util.Comparator;
import java.util.Objects;

/**
 * A queue that hands out the smallest item first, by natural order or a {@link Comparator}
 * (Curio's {@code PriorityQueue}). Getters are still served in arrival order. Not thread-safe.
 * <pre>{@code
 * PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
 * }</pre>
 *
 * @param <T> the item type
 */
public class PriorityQueue<T> extends Queue<T> {

    private final java.util.PriorityQueue<T> heap;

    /** Creates an unbounded queue in natural order (items must be {@link Comparable}). */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * Creates an unbounded queue ordered by {@code order}.
     *
     * @param order how items are ordered
     */
    public PriorityQueue(Comparator<? super T> order) {
        this(0, Objects.requireNonNull(order, "PriorityQueue: comparator must not be null"));
    }

    /**
     * Creates a bounded queue in natural order; 0 means unbounded.
     *
     * @param maxSize the most items held at once (0 or less: unbounded)
     */
    public PriorityQueue(int maxSize) {
        this(maxSize, null);
    }

    /**
     * Creates a bounded queue ordered by {@code order} (null: natural order); 0 means unbounded.
     *
     * @param maxSize the most items held at once (0 or less: unbounded)
     * @param order how items are ordered
     */
    public PriorityQueue(int maxSize, Comparator<? super T> order) {
        super(maxSize);
        this.heap = new java.util.PriorityQueue<>(order);
    }

    /**
     * Adds an item. Must be called from a task.
     *
     * @throws ClassCastException in natural order, if the item is not {@link Comparable}
     */
    @Override
    public void put(T item) {
        if (heap.comparator() == null && !(item instanceof Comparable)) {
            throw new ClassCastException("PriorityQueue without a comparator needs Comparable items, got "
                    + (item == null ? "null" : item.getClass().getName()));
        }
        super.put(item);
    }

    @Override
    void store(T item) {
        heap.add(item);
    }

    @Override
    T take() {
        return heap.poll();
    }

    @Override
    int stored() {
        return heap.size();
    }
}
