package curio.kernel;

import curio.api.spi.TaskCore;
import java.util.PriorityQueue;

/**
 * Deadlines of sleeps and timeouts, earliest first; ties broken by task id, then sleep before timeout
 * (CURIO-SPEC 1.5 step 3).
 * <p>Entries are never removed early: a cancelled sleep or a left timeout block leaves a stale entry,
 * recognised at expiry because the task's current deadline no longer equals the entry's. This keeps
 * set and unset O(log n) and O(1).
 */
final class TimeQueue {

    static final int SLEEP = 0;
    static final int TIMEOUT = 1;

    record Entry(long deadline, long taskId, int kind, KTask<?> task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            if (c != 0) return c;
            c = Long.compare(taskId, o.taskId);
            return c != 0 ? c : Integer.compare(kind, o.kind);
        }

        boolean live() {
            return deadline == (kind == SLEEP ? task.sleepUntil : task.timeout);
        }
    }

    private final PriorityQueue<Entry> heap = new PriorityQueue<>(); // kernel thread only

    void add(long deadline, int kind, KTask<?> task) {
        heap.add(new Entry(deadline, task.id(), kind, task));
    }

    /** Returns the earliest live deadline, or NO_DEADLINE; drops stale entries on the way. */
    long next() {
        Entry e;
        while ((e = heap.peek()) != null && !e.live()) {
            heap.poll();
        }
        return e == null ? TaskCore.NO_DEADLINE : e.deadline;
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
