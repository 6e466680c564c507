package curio.kernel;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Reports, by default, a task that holds its kernel too long: {@code Thread.sleep}, a JDBC call or a busy loop
 * in a task stalls every other task of the kernel, silently. One WARNING of the logger {@code curio.kernel}
 * names the task, how long it has held the kernel, and where it is, sampled while it blocks.
 * <p>{@code -Dcurio.blockWarning=2s} is the default threshold; {@code 500ms} or {@code 10s} change it (read when a
 * kernel starts to run), {@code off} turns the watch off.
 * <p>It costs the kernel nothing per switch: a daemon thread samples each running kernel's current task and
 * that task's cycle count, which the loop keeps anyway, and a task whose count has not moved past the threshold
 * is blocked. The samples are racy reads of fields the kernel writes plainly; a stale read only delays or skips
 * a report, never makes one for a task that moved (the sampler compares two reads a period apart). Each blocked
 * stretch is reported once, and a kernel reports at most once per {@link #QUIET_NANOS}, saying how many it held
 * back.
 */
final class BlockedKernelWatch {

    static final String PROPERTY = "curio.blockWarning";
    private static final long DEFAULT_NANOS = 2_000_000_000L;
    static final long QUIET_NANOS = 10_000_000_000L;
    private static final int MAX_FRAMES = 24;
    private static final System.Logger LOG = System.getLogger("curio.kernel");

    /** What the sampler knows of one watched kernel; touched by the sampler thread only, after creation. */
    private static final class Watched {
        final long limit;
        KernelTask<?> task;      // the task seen running at the last sample
        long cycles;             // its cycle count then
        long since;              // when it was first seen with that count
        boolean reported;        // this stretch was reported
        long lastReport = Long.MIN_VALUE;
        int heldBack;

        Watched(long limit) {
            this.limit = limit;
        }
    }

    private static final Map<TaskLoop, Watched> KERNELS = new ConcurrentHashMap<>();
    private static volatile Thread sampler;

    private BlockedKernelWatch() {}

    /** Starts watching {@code kernel} while it runs, unless the property turns the watch off. */
    static void watch(TaskLoop kernel) {
        long limit = threshold(System.getProperty(PROPERTY));
        if (limit <= 0) {
            return;
        }
        KERNELS.put(kernel, new Watched(limit));
        if (sampler == null) {
            startSampler();
        }
    }

    static void unwatch(TaskLoop kernel) {
        KERNELS.remove(kernel);
    }

    /**
     * The threshold in nanoseconds for a property value: null means the default, {@code off} (or 0) means none.
     *
     * @throws IllegalArgumentException naming the property, for a value that is not a duration
     */
    static long threshold(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_NANOS;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return 0;
        }
        try {
            if (v.endsWith("ms")) {
                return Math.multiplyExact(Long.parseLong(v.substring(0, v.length() - 2)), 1_000_000L);
            }
            if (v.endsWith("s")) {
                return Math.multiplyExact(Long.parseLong(v.substring(0, v.length() - 1)), 1_000_000_000L);
            }
        } catch (NumberFormatException | ArithmeticException bad) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected a duration such as 2s or"
                + " 500ms, or off");
    }

    private static synchronized void startSampler() {
        if (sampler == null) {
            sampler = Thread.ofPlatform().daemon(true).name("curio-block-watch").inheritInheritableThreadLocals(false).start(BlockedKernelWatch::sample);
        }
    }

    /** The sampler's loop: a period of a quarter of the smallest threshold watched, between 5 ms and 500 ms. */
    private static void sample() {
        while (true) {
            long period = 500_000_000L;
            long now = System.nanoTime();
            for (Map.Entry<TaskLoop, Watched> e : KERNELS.entrySet()) {
                check(e.getKey(), e.getValue(), now);
                period = Math.min(period, e.getValue().limit / 4);
            }
            LockSupport.parkNanos(Math.max(5_000_000L, period)); // a bridge thread: it only watches
        }
    }

    /*
     * Discussion: what "held" means. The sampler cannot see switches (the loop writes nothing for it), only
     * two racy fields: the running task and its cycle count. The same task with the same count in two samples
     * means it has not suspended in between, so it has held the kernel at least that long; any change (another
     * task, or the same one a cycle later) starts a new stretch. A stale read can only make a stretch look
     * shorter, never longer, so a report is never false; at worst one comes a sample late. The stack is taken
     * after the decision and kept only if the task is still the same at the same cycle, so that the report
     * shows where it blocked, not where it went next. Reports are limited to one per quiet period per kernel,
     * with a count of those held back, so a kernel blocked again and again does not flood the log.
     */
    private static void check(TaskLoop kernel, Watched w, long now) {
        KernelTask<?> task = kernel.runningTask();
        long cycles = task == null ? 0 : task.cycles;
        if (task == null || task != w.task || cycles != w.cycles) {
            w.task = task;
            w.cycles = cycles;
            w.since = now;
            w.reported = false;
            return;
        }
        long held = now - w.since;
        if (w.reported || held < w.limit) {
            return;
        }
        w.reported = true;
        if (w.lastReport != Long.MIN_VALUE && now - w.lastReport < QUIET_NANOS) {
            w.heldBack++;
            return;
        }
        Thread on = kernel.runningThread();
        StackTraceElement[] stack = on == null ? new StackTraceElement[0] : on.getStackTrace();
        if (kernel.runningTask() != task || task.cycles != cycles) {
            w.reported = false; // it moved on while the stack was taken: that stack is not where it blocked
            return;
        }
        int more = w.heldBack;
        w.heldBack = 0;
        w.lastReport = now;
        LOG.log(System.Logger.Level.WARNING, () -> report(kernel, task, held, stack, more));
    }

    private static String report(TaskLoop kernel, KernelTask<?> task, long held, StackTraceElement[] stack, int more) {
        StringBuilder sb = new StringBuilder();
        sb.append(task).append(" has held ").append(kernel.name()).append(" for ")
                .append(String.format(Locale.ROOT, "%.1f", held / 1e9))
                .append(" s without suspending: every other task of that kernel waits. A task must not block its"
                        + " thread; hand blocking work to Curio.runInThread(...) (-D").append(PROPERTY)
                .append("=off silences this).");
        if (more > 0) {
            sb.append(" (").append(more).append(" more such stretches in the last ")
                    .append(QUIET_NANOS / 1_000_000_000L).append(" s were not reported)");
        }
        sb.append(" It is at:");
        int shown = 0;
        for (StackTraceElement f : stack) {
            if (f.getClassName().equals(TaskLoop.class.getName()) && f.getMethodName().equals("runBody")) {
                break; // below this, the kernel's own frames
            }
            if (shown++ == MAX_FRAMES) {
                sb.append("\n\t...");
                break;
            }
            sb.append("\n\tat ").append(f);
        }
        return sb.toString();
    }
}
