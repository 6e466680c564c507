package curio.api.trap;

import curio.api.Task;
import java.util.function.Consumer;

/**
 * A first-in first-out queue of suspended tasks: waking one wakes the task that waited longest.
 * Locks, semaphores and queue getters use it for fairness.
 */
public final class SchedFIFO extends SchedQueue {

    /* Implementation notes. An intrusive doubly linked list, so that the undo action of a cancelled
     * waiter unlinks its node in O(1); a removed node is marked so that undo after wake is harmless. */

    private static final class Node implements Runnable {
        final Task<?> task;
        Node prev, next;
        boolean linked = true;
        final SchedFIFO owner;

        Node(SchedFIFO owner, Task<?> task) {
            this.owner = owner;
            this.task = task;
        }

        @Override
        public void run() {
            owner.unlink(this);
        }
    }

    private Node head, tail; // kernel thread only
    private int size;        // kernel thread only

    /** Creates an empty queue. */
    public SchedFIFO() {
        super(null);
    }

    /**
     * Creates an empty queue belonging to {@code owner}, named in reports as what its waiters wait on.
     *
     * @param owner the primitive, e.g. {@code this} in a lock's constructor
     */
    public SchedFIFO(Object owner) {
        super(owner);
    }

    @Override
    public Runnable kernelSuspend(Task<?> task) {
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

    @Override
    public int kernelWake(int n, Consumer<Task<?>> ready) {
        int woken = 0;
        while (woken < n && head != null) {
            Node first = head;
            unlink(first);
            ready.accept(first.task);
            woken++;
        }
        return woken;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Returns the task that has waited longest (the next one {@link #wake(int)} readies), or null.
     *
     * @return the task that has waited longest (the next one {
     */
    public Task<?> peek() {
        return head == null ? null : head.task;
    }

    @Override
    public String toString() {
        return "SchedFIFO[waiting=" + size + "]";
    }
}
