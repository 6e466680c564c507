package curio.api;

import curio.api.internal.TaskContext;
import curio.api.TaskState;
import curio.api.trap.SchedFIFO;
import curio.api.trap.Traps;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A kernel's pool of worker threads for {@code Curio.runInThread} (CURIO-SPEC 8.1, 8.2): at most
 * {@link Kernel#maxWorkerThreads()} busy workers; further callers wait in FIFO order, cancellably.
 * <p>Built on traps alone, as Curio's own thread pool is: one pool per kernel, made on first use
 * ({@code Traps.local}) and closed when the kernel shuts down ({@code Traps.atShutdown}); a call is a
 * {@code futureWait}, a full pool a {@link SchedFIFO}. Its workers are the one place in curio.api
 * allowed to block a thread, and the ArchUnit rule names them.
 */
final class WorkerPool {

    /* Implementation notes. Slots are handed off: release() wakes the next waiter instead of
     * decrementing busy, so a woken waiter owns its slot and nobody can barge in. A worker whose caller
     * was cancelled while the work ran is a zombie: it finishes the work, drops the result, and exits
     * instead of returning to the pool; its slot is released at once, so zombies never use capacity. */

    private static final Runnable RETIRE = () -> {};
    private static final Object KEY = new Object();
    private static final java.util.concurrent.atomic.AtomicInteger POOLS = new java.util.concurrent.atomic.AtomicInteger();

    private final String name;
    private final int max;
    private final SchedFIFO waiting = new SchedFIFO(this);       // kernel thread only
    private final ArrayDeque<Worker> idle = new ArrayDeque<>(); // kernel thread only; most recent last
    private int busy;                                         // kernel thread only
    private int created;                                      // kernel thread only
    private boolean closed;                                   // kernel thread only

    private WorkerPool(String name, int max) {
        this.name = name;
        this.max = max;
    }

    /** Returns the calling task's kernel's pool, made on first use and closed at the kernel's shutdown. */
    static WorkerPool current() {
        return Traps.local(KEY, () -> {
            WorkerPool pool = new WorkerPool("curio-" + POOLS.incrementAndGet(), Traps.kernel().maxWorkerThreads());
            Traps.atShutdown(pool::close);
            return pool;
        });
    }

    <T> T run(BlockingCallable<T, ?> work) {
        if (closed) {
            throw new IllegalStateException("Curio.runInThread(): the kernel's worker pool is shut down");
        }
        reserve();
        Worker worker = idle.pollLast();
        if (worker == null) {
            worker = new Worker(name + "-worker-" + (++created));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Worker w = worker;
        TaskContext.Handoff context = TaskContext.handoff(); // the task's context, for the worker to run with
        try {
            return Traps.futureWait(result, () -> w.submit(work, context, result));
        } finally {
            if (w.busy) {
                w.retire();          // cancelled while the work runs: let it finish as a zombie
            } else if (closed) {
                w.retire();
            } else {
                idle.addLast(w);
            }
            release();
        }
    }

    private void reserve() {
        if (busy < max) {
            busy++;
        } else {
            waiting.suspend(TaskState.FUTURE_WAIT); // woken with a slot handed over
        }
    }

    private void release() {
        if (waiting.wake(1) == 0) {
            busy--;
        }
    }

    /** Tells every idle worker to exit; busy ones exit after their work. */
    void close() {
        closed = true;
        for (Worker w : idle) {
            w.retire();
        }
        idle.clear();
    }

    /** One platform thread running one job at a time. */
    private static final class Worker {
        private final LinkedBlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
        volatile boolean busy; // set by the kernel on submit, cleared by the worker when the work is done

        Worker(String name) {
            // shared by every task of the kernel: it keeps no task's inheritable thread-locals
            Thread t = Thread.ofPlatform().name(name).daemon(true).inheritInheritableThreadLocals(false).unstarted(this::loop);
            t.start();
        }

        <T> void submit(BlockingCallable<T, ?> work, TaskContext.Handoff context, CompletableFuture<T> result) {
            busy = true;
            jobs.add(() -> {
                T value = null;
                Throwable failure = null;
                try {
                    value = context.run(work::call); // installed for the work, removed after it
                } catch (Throwable t) {
                    failure = t;
                }
                busy = false; // before completing: a caller that sees busy knows the work is still running
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        }

        void retire() {
            jobs.add(RETIRE);
        }

        private void loop() {
            while (true) {
                Runnable job;
                try {
                    job = jobs.take();
                } catch (InterruptedException e) {
                    continue; // only RETIRE ends a worker
                }
                if (job == RETIRE) {
                    return;
                }
                job.run();
            }
        }
    }
}
