package curio.api.trap;

import curio.api.Task;
import java.util.List;

/**
 * A primitive that particular tasks hold and only they will give back: a lock held by its owner, a
 * task that others join (it "holds" its own termination). A task waiting on an owned primitive waits
 * for its owners, which is the edge the kernel's wait-for graph follows to find deadlock cycles
 * (two tasks each holding the lock the other wants). Primitives anyone may release, such as an
 * {@code Event} or a {@code Semaphore}, are not owned.
 */
public interface Owned {

    /**
     * Returns the tasks holding this primitive now; empty when none does. Kernel thread only.
     *
     * @return the tasks holding this primitive now; empty when none does
     */
    List<Task<?>> owners();
}
