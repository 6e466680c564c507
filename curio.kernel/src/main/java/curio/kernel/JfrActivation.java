package curio.kernel;

import curio.api.Activation;
import curio.api.Task;
import curio.api.trap.BlockingTrap;
import java.util.IdentityHashMap;
import java.util.Map;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * JFR events for a kernel, so that it can be recorded with the tools a Java developer already uses
 * ({@code jcmd PID JFR.start}, JDK Mission Control): task created and terminated, each trap with how
 * long the task waited in it, and steps that ran longer than {@code -Dcurio.jfr.longBlockMillis}
 * (50 ms by default). Added by {@code Kernel.builder().jfr()} or {@code -Dcurio.jfr=true}.
 */
/*
 * How it stays cheap. Each event is checked with isEnabled() before its fields are filled (JFR's own idiom: with
 * no recording running the event object is scalar-replaced), so a kernel with the activation installed but no
 * recording pays one check per hook. A trap's duration is the time
 * from suspended() to the next running() of the same task, kept per task in a map the kernel thread alone
 * touches; the events are committed on that thread too, which is what JFR expects of an event's lifecycle.
 */
final class JfrActivation implements Activation {

    @Name("curio.TaskCreated")
    @Label("Task Created")
    @Category("curio")
    static final class TaskCreated extends Event {
        @Label("Task Id") long taskId;
        @Label("Name") String name;
        @Label("Parent Id") long parentId;
    }

    @Name("curio.TaskTerminated")
    @Label("Task Terminated")
    @Category("curio")
    static final class TaskTerminated extends Event {
        @Label("Task Id") long taskId;
        @Label("Name") String name;
        @Label("Outcome") String outcome;
    }

    @Name("curio.Trap")
    @Label("Trap")
    @Category("curio")
    @Description("A task suspended on a blocking trap; the event's duration is the wait")
    static final class TrapEvent extends Event {
        @Label("Task Id") long taskId;
        @Label("Name") String name;
        @Label("Trap") String trap;
        @Label("State") String state;
    }

    @Name("curio.LongBlock")
    @Label("Long Block")
    @Category("curio")
    @Description("A task ran longer than the threshold between two traps, holding up every other task")
    static final class LongBlock extends Event {
        @Label("Task Id") long taskId;
        @Label("Name") String name;
        @Label("Ran") @Timespan(Timespan.NANOSECONDS) long ranNanos;
    }

    private final long longBlockNanos = Long.getLong("curio.jfr.longBlockMillis", 50) * 1_000_000;
    private final Map<Task<?>, TrapEvent> waiting = new IdentityHashMap<>(); // kernel thread only
    private long stepStarted;

    @Override
    public void created(Task<?> t) {
        TaskCreated e = new TaskCreated();
        if (e.isEnabled()) {
            e.taskId = t.id();
            e.name = t.name();
            e.parentId = t.parent() == null ? 0 : t.parent().id();
            e.commit();
        }
    }

    @Override
    public void running(Task<?> t) {
        TrapEvent wait = waiting.remove(t);
        if (wait != null) {
            wait.commit(); // ends now: the duration is the wait
        }
        stepStarted = System.nanoTime();
    }

    @Override
    public void suspended(Task<?> t, BlockingTrap trap) {
        long ran = System.nanoTime() - stepStarted;
        if (ran > longBlockNanos) {
            LongBlock e = new LongBlock();
            if (e.isEnabled()) {
                e.taskId = t.id();
                e.name = t.name();
                e.ranNanos = ran;
                e.commit();
            }
        }
        if (trap != null) {
            TrapEvent e = new TrapEvent();
            if (e.isEnabled()) {
                e.taskId = t.id();
                e.name = t.name();
                e.trap = trap.getClass().getSimpleName();
                e.state = t.state().name(); // Curio's name for the wait (EVENT_WAIT, QUEUE_GET), set by the trap
                e.begin();
                waiting.put(t, e);
            }
        }
    }

    @Override
    public void terminated(Task<?> t) {
        waiting.remove(t);
        TaskTerminated e = new TaskTerminated();
        if (e.isEnabled()) {
            e.taskId = t.id();
            e.name = t.name();
            Throwable x = t.exception();
            e.outcome = x == null ? "returned" : x.getClass().getSimpleName();
            e.commit();
        }
    }
}
