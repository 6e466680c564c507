package curio.it.examples;

import curio.api.Curio;
import curio.api.TaskGroup;
import curio.sync.Queue;
import curio.sync.UniversalQueue;
import java.time.Duration;
import java.util.List;

/**
 * The two worlds meeting: a plain thread produces work into a {@link UniversalQueue}; inside a kernel a
 * task moves it to a task-only {@link Queue} where three workers pick it up; {@code join()} waits until
 * every item is done.
 */
public final class Pipeline {

    private Pipeline() {}

    /**
     * Runs the pipeline and prints what each worker did.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        UniversalQueue<String> inbox = new UniversalQueue<>();
        Thread.ofPlatform().name("producer").start(() -> {
            for (String word : List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta")) {
                inbox.put(word); // blocks nothing here: the queue is unbounded
            }
            inbox.put(""); // end of input
        });

        int total = Curio.run(() -> {
            Queue<String> work = new Queue<>(2); // bounded: the mover waits for the workers
            int[] done = new int[1];
            TaskGroup.run(TaskGroup.Wait.ALL, g -> {
                for (String worker : List.of("w1", "w2", "w3")) {
                    g.spawnDaemon(() -> {
                        while (true) {
                            String item = work.get();
                            Curio.sleep(Duration.ofMillis(10 * item.length()));
                            System.out.println(worker + " handled " + item);
                            done[0]++;
                            work.taskDone();
                        }
                    });
                }
                for (String item = inbox.get(); !item.isEmpty(); item = inbox.get()) {
                    work.put(item);
                }
                work.join(); // every item handled; the group then cancels the daemon workers
                g.join();
                return null;
            });
            return done[0];
        });
        System.out.println(total + " items handled"); // the producer ended: its last item was read
    }
}
