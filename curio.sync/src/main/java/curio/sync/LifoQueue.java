package curio.sync;

import java.util.ArrayDeque;

/**
 * A queue that hands out the most recently put item first (Curio's {@code LifoQueue}).
 * Getters are still served in arrival order. Not thread-safe.
 *
 * @param <T> the item type
 */
public class LifoQueue<T> extends Queue<T> {

    private final ArrayDeque<T> stack = new ArrayDeque<>();

    /** Creates an unbounded LIFO queue. */
    public LifoQueue() {
        super();
    }

    /**
     * Creates a LIFO queue holding at most {@code maxSize} items; 0 means unbounded.
     *
     * @param maxSize the most items held at once (0 or less: unbounded)
     */
    public LifoQueue(int maxSize) {
        super(maxSize);
    }

    @Override
    void store(T item) {
        stack.push(item);
    }

    @Override
    T take() {
        return stack.pop();
    }

    @Override
    int stored() {
        return stack.size();
    }
}
