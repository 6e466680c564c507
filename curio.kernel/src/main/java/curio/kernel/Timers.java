package curio.kernel;

import curio.api.TaskState;
import curio.api.TaskTimeout;
import curio.api.internal.AbstractTask;
import curio.api.internal.Cancellations;

/**
 * The kernel's time: sleeps and timeouts in one {@link TimeQueue}, read against the kernel's clock.
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>A sleeping task has {@code sleepUntil} set to its deadline and a live SLEEP entry; waking or
 *     cancelling it resets {@code sleepUntil} and lets the entry go stale.</li>
 * <li>A task's {@code timeout} is the deadline of the innermost timeout block in force. Each block that
 *     narrowed it added one TIMEOUT entry, chained from {@code timeoutEntry} outwards through
 *     {@code outer}, with deadlines strictly rising along the chain.</li>
 * <li>An entry fires only if it is still live: the queue never removes entries eagerly, it recognises
 *     stale ones when they come due or when it compacts.</li>
 * </ul>
 */
final class Timers {

    private final TaskLoop loop;
    private final KernelClock clock;
    private final TimeQueue queue = new TimeQueue();

    Timers(TaskLoop loop, KernelClock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    /** The earliest deadline in the queue, live or stale, or {@code NO_DEADLINE}. */
    long next() {
        return queue.next();
    }

    /** Entries in the queue, live or stale. */
    int size() {
        return queue.size();
    }

    /** Suspends {@code t} for {@code nanos} (not zero: a yield never gets here). */
    void sleep(KernelTask<?> t, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("sleep: negative duration " + nanos + " ns");
        }
        if (nanos == 0) {
            loop.reschedule(t); // to the back of the queue; not blocked, so a cancel stays pending
            return;             // resumes with null: Traps.sleep reads the clock only if asked
        }
        long now = clock.now();
        long deadline = now + nanos < now ? AbstractTask.NO_DEADLINE - 1 : now + nanos;
        t.sleepUntil = deadline;
        TimeQueue.Entry entry = queue.add(deadline, TimeQueue.SLEEP, t);
        t.cancelAction = () -> {
            t.sleepUntil = AbstractTask.NO_DEADLINE;
            queue.forgot(entry); // stale now: it lets go of the task, and the queue drops such entries promptly
        };
        t.state(TaskState.TIME_SLEEP);
    }

    /**
     * Phase 2 of the loop: fires every live entry that is due. A sleep readies its task with the clock as
     * its value; a timeout raises {@link TaskTimeout} in a task blocked where cancellation is allowed, and
     * is left pending otherwise (a pending cancel request is not replaced by a timeout: it was first).
     */
    void expire() {
        if (queue.size() == 0) {
            return; // nothing to expire: spare the clock read
        }
        long now = clock.now();
        TimeQueue.Entry e;
        while ((e = queue.pollDue(now)) != null) {
            if (!e.live()) {
                continue;
            }
            KernelTask<?> t = e.task();
            if (e.kind() == TimeQueue.SLEEP) {
                t.sleepUntil = AbstractTask.NO_DEADLINE;
                t.cancelAction = null;
                t.resumeValue = now;
                loop.reschedule(t);
            } else {
                t.timeout = AbstractTask.NO_DEADLINE;
                TaskTimeout timeout = Cancellations.taskTimeout(now);
                if (t.allowCancel && t.blocked()) {
                    loop.interrupt(t, timeout);
                } else if (t.cancelPending == null || t.cancelPending instanceof TaskTimeout) {
                    t.cancelPending = timeout;
                }
            }
        }
    }

    /** Enters a timeout block of {@code t}: narrows its timeout to {@code deadline}; returns the one before. */
    long setTimeout(KernelTask<?> t, long deadline) {
        long prior = t.timeout;
        if (deadline != AbstractTask.NO_DEADLINE && deadline < prior) {
            t.timeout = deadline;
            TimeQueue.Entry e = queue.add(deadline, TimeQueue.TIMEOUT, t);
            e.outer = t.timeoutEntry;
            t.timeoutEntry = e;
        }
        return prior;
    }

    /**
     * Leaves a timeout block of {@code t}: restores the enclosing deadline {@code previous}; returns the clock.
     * <p>Discussion: timeouts unset and re-armed (Curio's corner cases of {@code _unset_timeout}). Three
     * things can be true as a block is left. (1) Its own deadline never fired: its entry must let go of
     * the task now, or 200,000 tasks each leaving {@code ignoreAfter(1 h)} early would stay live for the
     * hour. Only a block that narrowed the deadline added an entry, and narrowing makes the chain's
     * deadlines strictly rise outwards, so the entries of the blocks being left are exactly those earlier
     * than the deadline restored (an enclosing block with that same deadline keeps its own). (2) The
     * enclosing deadline passed while the inner block ran (its expiry was never raised, because the inner
     * block was in force): it is re-armed at once, to fire at the next blocking trap, so an outer timeout
     * is never lost. (3) A timeout is pending that belonged to the block being left (it expired while
     * cancellation was disabled): it is dropped, since its block is gone.
     */
    long unsetTimeout(KernelTask<?> t, long previous) {
        long now = clock.now();
        t.timeout = previous;
        for (TimeQueue.Entry e = t.timeoutEntry; e != null && e.deadline < previous; e = t.timeoutEntry) {
            t.timeoutEntry = e.outer;
            e.outer = null;
            queue.forgot(e);
        }
        if (previous != AbstractTask.NO_DEADLINE && previous <= now) {
            queue.add(previous, TimeQueue.TIMEOUT, t);
        } else if (t.cancelPending instanceof TaskTimeout) {
            t.cancelPending = null;
        }
        return now;
    }
}
