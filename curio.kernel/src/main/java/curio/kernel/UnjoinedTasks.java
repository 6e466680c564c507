package curio.kernel;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashSet;

/**
 * Finds tasks that ended successfully and were never joined (CURIO-SPEC 2.7), without keeping them alive.
 * <p>Curio warns when such a task is garbage-collected. Here a task that ends unjoined, that no task
 * was waiting for, gets a weak record: joining it later drops the record; if the task is collected
 * first, the record reaches the reference queue and the warning is logged. At shutdown, tasks still
 * reachable and still unjoined are reported too, so a test sees the warning deterministically.
 * Kernel thread only.
 */
final class UnjoinedTasks {

    private static final System.Logger LOG = System.getLogger("curio.task");

    static final class Record extends WeakReference<KernelTask<?>> {
        final String description;

        Record(KernelTask<?> task, ReferenceQueue<KernelTask<?>> queue) {
            super(task, queue);
            this.description = "Task(id=" + task.id() + ", name='" + task.name() + "')";
        }
    }

    private final ReferenceQueue<KernelTask<?>> collected = new ReferenceQueue<>();
    private final HashSet<Record> records = new HashSet<>(); // keeps the records themselves reachable
    private int ended;

    /** Called when a task ends fine while unjoined. */
    void track(KernelTask<?> task) {
        Record r = new Record(task, collected);
        records.add(r);
        task.unjoined = r;
        if ((++ended & 1023) == 0) {
            reportCollected();
        }
    }

    /** Called when a tracked task is joined after all. */
    void forget(Record r) {
        r.clear(); // a cleared reference is never enqueued
        records.remove(r);
    }

    /** Logs every tracked task that was collected unjoined. */
    void reportCollected() {
        Record r;
        while ((r = (Record) collected.poll()) != null) {
            if (records.remove(r)) {
                warn(r.description);
            }
        }
    }

    /** At shutdown: logs the collected ones and those still alive and unjoined, then forgets all. */
    void reportAll() {
        reportCollected();
        for (Record r : records) {
            KernelTask<?> t = r.get();
            if (t != null && !t.joined()) {
                warn(r.description);
            }
        }
        records.clear();
    }

    private static void warn(String description) {
        LOG.log(System.Logger.Level.WARNING, "{0} never joined", description);
    }
}
