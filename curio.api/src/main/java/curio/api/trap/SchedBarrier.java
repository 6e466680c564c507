package curio.api.trap;

import curio.api.Task;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * A set of suspended tasks that are normally woken all together: events and task joins use it.
 * Waking a subset takes the oldest waiters first.
 */
public final class SchedBarrier extends SchedQueue {

    private final LinkedHashSet<Task<?>> waiting = new LinkedHashSet<>(); // kernel thread only

    /** Creates an empty barrier. */
    public SchedBarrier() {}

    @Override
    public Runnable kernelSuspend(Task<?> task) {
        waiting.add(task);
        return () -> waiting.remove(task);
    }

    @Override
    public int kernelWake(int n, Consumer<Task<?>> ready) {
        if (waiting.isEmpty()) {
            return 0;
        }
        List<Task<?>> woken = waiting.stream().limit(n).toList();
        woken.forEach(waiting::remove);
        woken.forEach(ready);
        return woken.size();
    }

    @Override
    public int size() {
        return waiting.size();
    }

    @Override
    public String toString() {
        return "SchedBarrier[waiting=" + waiting.size() + "]";
    }
}
