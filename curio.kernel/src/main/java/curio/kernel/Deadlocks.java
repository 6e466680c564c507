package curio.kernel;

import curio.api.Task;
import curio.api.trap.WaitGraph;
import java.util.List;
import java.util.Map;

/**
 * The report of a deadlocked kernel: who waits on what, where, and the cycles among them. Written for
 * the developer who would otherwise look at a silent hang; computed only once the loop has found that
 * nothing can ever run again, or when asked (the monitor's {@code deadlocks}).
 */
final class Deadlocks {

    private Deadlocks() {}

    /** The report for {@link curio.api.DeadlockException}: every blocked task, then every cycle. */
    static String report(List<KernelTask<?>> live, Map<Task<?>, Object> waits) {
        StringBuilder sb = new StringBuilder("Deadlock: no task of this kernel can ever run again (nothing is ready,"
                + " no timer is pending, no task waits on I/O or on another thread). Blocked tasks:");
        for (KernelTask<?> t : live) {
            sb.append("\n  ").append(line(t, waits.get(t)));
        }
        List<List<Task<?>>> cycles = WaitGraph.cycles(waits);
        for (List<Task<?>> c : cycles) {
            sb.append("\n  cycle: ").append(WaitGraph.describe(c, waits));
        }
        return sb.toString();
    }

    /** One task: {@code task 2 'Name' EVENT_WAIT on Event[unset, waiting=1] at Foo.bar(Foo.java:12)}. */
    static String line(KernelTask<?> t, Object target) {
        StackTraceElement where = userFrame(t.fiber.stack());
        return "task " + t.id() + " '" + t.name() + "' " + t.state() + (target == null ? "" : " on " + target)
                + (where == null ? "" : " at " + where.getClassName() + "." + where.getMethodName()
                        + "(" + where.getFileName() + ":" + where.getLineNumber() + ")");
    }

    /**
     * The innermost frame of the task's own code: the first frame, most recent first, that is neither
     * the JDK's nor curio's machinery (its libraries and the kernel's own classes).
     */
    static StackTraceElement userFrame(StackTraceElement[] stack) {
        if (stack == null) {
            return null;
        }
        for (StackTraceElement e : stack) {
            if (!machinery(e.getClassName())) {
                return e;
            }
        }
        return null;
    }

    private static final List<String> MACHINERY = List.of("java.", "jdk.", "sun.", "curio.api.", "curio.kernel.",
            "curio.sync.", "curio.net.", "curio.file.", "curio.process.", "curio.selector.");

    private static boolean machinery(String className) {
        if (isTest(className)) {
            return false; // curio's own tests live in curio's packages: their frames are the user's
        }
        for (String prefix : MACHINERY) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTest(String className) {
        int nested = className.indexOf('$');
        String outer = nested < 0 ? className : className.substring(0, nested);
        return outer.endsWith("Test") || outer.endsWith("Tests");
    }
}
