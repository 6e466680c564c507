package curio.api.internal;

import curio.api.Task;
import java.util.function.Consumer;

/**
 * The tasks suspended on one wait queue, in the order they arrived ({@link curio.api.trap.SchedQueue}
 * extends this). The kernel alone adds and removes them, through {@link KernelAccess}: a task is added as
 * it suspends, and the returned node is the undo action the kernel runs if the task is cancelled or times
 * out, so a cancelled waiter never stays behind.
 * <p>An intrusive doubly linked list: unlinking a cancelled waiter is O(1), and a node unlinked already
 * (woken, then undone) is marked, so a second unlink is harmless.
 */
public abstract class WaitList {

    private static final class Node implements Runnable {
        final Task<?> task;
        final WaitList list;
        Node prev, next;
        boolean linked = true;

        Node(WaitList list, Task<?> task) {
            this.list = list;
            this.task = task;
        }

        @Override
        public void run() {
            list.unlink(this);
        }
    }

    private Node head, tail; // kernel thread only
    private int size;        // kernel thread only

    /** For {@code SchedQueue}. */
    protected WaitList() {}

    /**
     * Returns how many tasks wait here.
     *
     * @return the number of suspended tasks
     */
    protected final int waiting() {
        return size;
    }

    /**
     * Returns the task that has waited longest, the next one a wake readies, or null.
     *
     * @return the task, or null when none waits
     */
    protected final Task<?> longestWaiting() {
        return head == null ? null : head.task;
    }

    Runnable add(Task<?> task) {
        Node n = new Node(this, task);
        if (tail == null) {
            head = tail = n;
        } else {
            n.prev = tail;
            tail.next = n;
            tail = n;
        }
        size++;
        return n;
    }

    int wake(int n, Consumer<Task<?>> ready) {
        int woken = 0;
        while (woken < n && head != null) {
            Node first = head;
            unlink(first);
            ready.accept(first.task);
            woken++;
        }
        return woken;
    }

    private void unlink(Node n) {
        if (!n.linked) {
            return;
        }
        n.linked = false;
        if (n.prev == null) head = n.next; else n.prev.next = n.next;
        if (n.next == null) tail = n.prev; else n.next.prev = n.prev;
        n.prev = n.next = null;
        size--;
    }
}
