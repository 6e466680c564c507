package curio.kernel;

import curio.api.internal.AbstractTask;
import java.util.PriorityQueue;

/**
 * Deadlines of sleeps and timeouts, earliest first; ties broken by task id, then sleep before timeout
 * (CURIO-SPEC 1.5 step 3).
 * <p>Entries are not removed when they go stale (a cancelled sleep, a left timeout block): they are
 * recognised at expiry because the task's current deadline no longer equals the entry's, which keeps
 * set and unset cheap. So that stale entries with far deadlines cannot pile up, the heap is compacted
 * whenever it has doubled since the last compaction, and as soon as cancelled sleeps and timeout blocks
 * left early (which the kernel reports with {@link #forgot()}, letting go of their tasks at once) make up
 * half of it: amortised O(1) per entry either way, and a million cancelled sleeps or timeouts left early
 * do not keep their tasks.
 */
final class TimeQueue {

    static final int SLEEP = 0;
    static final int TIMEOUT = 1;

    /** One deadline. A cancelled sleep lets go of its task at once, so a stale entry holds nothing. */
    static final class Entry implements Comparable<Entry> {
        final long deadline;
        final long taskId;
        final int kind;
        private KernelTask<?> task; // null once released
        Entry outer;                // a timeout's: the entry of the enclosing block that narrowed before it, or null

        Entry(long deadline, long taskId, int kind, KernelTask<?> task) {
            this.deadline = deadline;
            this.taskId = taskId;
            this.kind = kind;
            this.task = task;
        }

        KernelTask<?> task() {
            return task;
        }

        int kind() {
            return kind;
        }

        /** Drops the task: the entry is stale for good (its sleep was cancelled). */
        void release() {
            task = null;
        }

        /*
         * The order is total, so that two runs of the same program expire timers in the same order whatever
         * the heap's history: by deadline; at the same deadline by task id, which is creation order (Curio's
         * queue pops equal deadlines in insertion order, and an older task was usually there first); and for
         * one task, a sleep before a timeout, so a sleep that ends exactly at its enclosing deadline completes
         * and the timeout is raised at the task's next blocking call, as in Curio.
         */
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            if (c != 0) return c;
            c = Long.compare(taskId, o.taskId);
            return c != 0 ? c : Integer.compare(kind, o.kind);
        }

        boolean live() {
            return task != null && deadline == (kind == SLEEP ? task.sleepUntil : task.timeout);
        }

        /**
         * Whether the entry may still fire: live now, or the deadline of a timeout block still entered. A
         * compaction keeps the second kind although it is not live: an inner block narrowed the timeout past
         * it, and once that block is left the outer deadline is in force again, with this entry to fire it.
         */
        boolean worthKeeping() {
            return live() || (task != null && kind == TIMEOUT && !task.terminated() && task.holdsDeadline(deadline));
        }
    }

    private static final int MIN_COMPACTION = 1024;

    private final PriorityQueue<Entry> heap = new PriorityQueue<>(); // kernel thread only
    private int compactAt = MIN_COMPACTION;                          // kernel thread only
    private int forgotten;                                           // kernel thread only; stale since compaction

    Entry add(long deadline, int kind, KernelTask<?> task) {
        Entry e = new Entry(deadline, task.id(), kind, task);
        heap.add(e);
        if (heap.size() >= compactAt) {
            compact();
        }
        return e;
    }

    /** Notes that {@code e} went stale before its deadline (a cancelled sleep, a timeout block left): it lets go of its task now. */
    void forgot(Entry e) {
        e.release();
        if (++forgotten >= MIN_COMPACTION && 2 * forgotten >= heap.size()) {
            compact();
        }
    }

    private void compact() {
        heap.removeIf(e -> !e.worthKeeping());
        compactAt = Math.max(MIN_COMPACTION, 2 * heap.size());
        forgotten = 0;
    }

    /** Returns the earliest live deadline, or NO_DEADLINE; drops stale entries on the way. */
    long next() {
        Entry e;
        while ((e = heap.peek()) != null && !e.live()) {
            heap.poll();
        }
        return e == null ? AbstractTask.NO_DEADLINE : e.deadline;
    }

    /** Removes and returns the earliest entry if it is due at {@code now} (live or not), else null. */
    Entry pollDue(long now) {
        Entry e = heap.peek();
        if (e == null || e.deadline > now) {
            return null;
        }
        return heap.poll();
    }

    int size() {
        return heap.size();
    }
}
