package curio.it.examples;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskTimeout;
import java.time.Duration;

/**
 * Curio's tutorial program: a parent spawns a kid who won't stop playing, counts down, then loses
 * patience. One "second" of the tutorial is {@link #TICK} here, so the demo ends in a few seconds.
 * <pre>
 * java --add-exports java.base/jdk.internal.vm=curio.kernel --add-opens java.base/java.lang=curio.kernel -p ... -m curio.it/curio.it.examples.Countdown
 * </pre>
 */
public final class Countdown {

    /** One tutorial second: 250 ms, or {@code -Dcurio.demo.tickMillis=N}. */
    static final Duration TICK = Duration.ofMillis(Long.getLong("curio.demo.tickMillis", 250));

    private Countdown() {}

    static void countdown(int n) {
        while (n > 0) {
            System.out.println("T-minus " + n);
            Curio.sleep(TICK);
            n--;
        }
    }

    static void kid() {
        System.out.println("Building the Millenium Falcon in Minecraft");
        Curio.sleep(TICK.multipliedBy(1000));
    }

    static void parent() {
        Task<Void> kid = Curio.spawn(Countdown::kid);
        Curio.sleep(TICK.multipliedBy(5));

        System.out.println("Let's go");
        Task<Void> count = Curio.spawn(() -> countdown(10));
        count.join();

        System.out.println("We're leaving!");
        try {
            Curio.timeoutAfter(TICK.multipliedBy(10), kid::join);
        } catch (TaskTimeout e) {
            System.out.println("I warned you!");
            kid.cancel();
        }
        System.out.println("Leaving!");
    }

    /**
     * Runs the tutorial on a fresh kernel and says which carrier and selector it used.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Kernel kernel = Kernel.builder().build()) {
            System.out.println("curio-java: carrier " + kernel.carrierName() + ", selector " + kernel.selectorName());
            kernel.run(Countdown::parent);
        }
    }
}
