package curio.api.trap;

import curio.api.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * A set of suspended tasks that are normally woken all together: events and task joins use it.
 * Waking a subset takes the oldest waiters first.
 */
public final class SchedBarrier extends SchedQueue {

    // Kernel thread only. Most barriers (a join, an event) see one waiter: it sits in `first` and no set
    // is built. Once a second one arrives, all of them live in `waiting`, in arrival order.
    private Task<?> first;
    private LinkedHashSet<Task<?>> waiting;

    /** Creates an empty barrier. */
    public SchedBarrier() {
        super(null);
    }

    /**
     * Creates an empty queue belonging to {@code owner}, named in reports as what its waiters wait on.
     *
     * @param owner the primitive, e.g. {@code this} in a lock's constructor
     */
    public SchedBarrier(Object owner) {
        super(owner);
    }

    @Override
    public Runnable kernelSuspend(Task<?> task) {
        if (waiting == null && first == null) {
            first = task;
        } else {
            if (waiting == null) {
                waiting = new LinkedHashSet<>();
                if (first != null) {
                    waiting.add(first);
                    first = null;
                }
            }
            waiting.add(task);
        }
        return () -> remove(task);
    }

    private void remove(Task<?> task) {
        if (first == task) {
            first = null;
        } else if (waiting != null) {
            waiting.remove(task);
        }
    }

    @Override
    public int kernelWake(int n, Consumer<Task<?>> ready) {
        if (n <= 0) {
            return 0;
        }
        if (first != null) {
            Task<?> t = first;
            first = null;
            ready.accept(t);
            return 1;
        }
        if (waiting == null || waiting.isEmpty()) {
            return 0;
        }
        // Take the woken out first: waking may run code that waits on this barrier again.
        List<Task<?>> woken = new ArrayList<>(Math.min(n, waiting.size()));
        for (Iterator<Task<?>> it = waiting.iterator(); it.hasNext() && woken.size() < n; ) {
            woken.add(it.next());
            it.remove();
        }
        woken.forEach(ready);
        return woken.size();
    }

    @Override
    public int size() {
        return first != null ? 1 : waiting == null ? 0 : waiting.size();
    }

    @Override
    public String toString() {
        return "SchedBarrier[waiting=" + size() + "]";
    }
}
