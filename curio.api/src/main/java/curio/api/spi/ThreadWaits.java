package curio.api.spi;

import java.util.Objects;

/**
 * A capability: whether a task may wait for another thread (a worker thread, a file, a subprocess, a
 * future), and if not, why. Every such wait (the future-wait trap, {@code runInThread},
 * {@code spawnThread}, {@code runInProcess}, subprocesses) is refused with the reason before anything runs.
 * <p>Real-world default, {@link #ALLOWED}. A backend whose run must be a function of its inputs offers
 * {@link #refused(String)}: a thread would finish in real time and the same inputs could give another run.
 * <pre>{@code
 * if (!Traps.capability("TLS", ThreadWaits.class).allowed()) {
 *     task.run(); // compute inline, in the task, instead of on a worker thread
 * }
 * }</pre>
 *
 * @param allowed whether tasks may wait for other threads
 * @param reason why they may not, for the refusal's message; empty when allowed
 */
public record ThreadWaits(boolean allowed, String reason) {

    /** The real-world default: tasks may wait for other threads. */
    public static final ThreadWaits ALLOWED = new ThreadWaits(true, "");

    /**
     * Checks that a refusal has a reason.
     *
     * @param allowed whether tasks may wait for other threads
     * @param reason why they may not; empty when allowed
     */
    public ThreadWaits {
        Objects.requireNonNull(reason, "reason");
        if (!allowed && reason.isBlank()) {
            throw new IllegalArgumentException("a refusal of thread waits needs a reason, for its message");
        }
    }

    /**
     * Refuses thread waits.
     *
     * @param reason why, as the refusal's message says it (after "which refuses waits on other threads")
     * @return the refusing capability
     */
    public static ThreadWaits refused(String reason) {
        return new ThreadWaits(false, reason);
    }
}
