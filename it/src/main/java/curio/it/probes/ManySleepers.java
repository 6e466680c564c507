package curio.it.probes;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe for the tests, not an example: {@code N} tasks sleep for an hour, then are all cancelled,
 * then the kernel closes with {@code N} more still asleep. Cancelling (or shutting down) many tasks
 * must fit in the heap where their sleeping fitted; run it with a heap just big enough for the
 * sleepers. Prints "cancelled N" and "closed".
 */
public final class ManySleepers {

    private ManySleepers() {}

    /**
     * Runs the probe.
     *
     * @param args the number of tasks (default 200,000); then "sleep" to stop once they all sleep
     *             (the baseline: does sleeping fit?)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        boolean sleepOnly = args.length > 1 && args[1].equals("sleep");
        try (Kernel k = Kernel.builder().build()) {
            int cancelled = k.run(() -> {
                List<Task<?>> sleepers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    sleepers.add(Curio.spawn(() -> Curio.sleep(Duration.ofHours(1))));
                }
                Curio.schedule(); // all asleep
                if (sleepOnly) {
                    System.out.println("asleep " + n); // System.out flushes on println
                    Runtime.getRuntime().halt(0);
                }
                int count = 0;
                for (int i = 0; i < n; i++) {
                    Task<?> t = sleepers.set(i, null); // the caller keeps nothing it has cancelled
                    t.cancel();
                    count++;
                }
                for (int i = 0; i < n; i++) {
                    Curio.spawnDaemon(() -> Curio.sleep(Duration.ofHours(1))); // left for close() to cancel
                }
                Curio.schedule();
                return count;
            });
            System.out.println("cancelled " + cancelled);
        }
        System.out.println("closed");
    }
}
