package curio.it.probes;

import curio.api.Curio;
import curio.api.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe for the tests, not an example: a task fills the heap and keeps it full (the hog is static, so
 * every later allocation fails too, in the kernel's hand-offs as well), while other tasks switch. The
 * kernel must end {@code Curio.run} with the {@link OutOfMemoryError} on every carrier; the JVM then
 * exits, where a lost baton would leave it parked forever. Run with a small heap ({@code -Xmx64m}).
 */
public final class OutOfMemory {

    private OutOfMemory() {}

    /** Holds the heap full from the moment it fills. */
    static final List<byte[]> HOG = new ArrayList<>();

    /**
     * Runs the probe.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Curio.run(() -> {
            for (int i = 0; i < 4; i++) {
                Curio.spawnDaemon(() -> {
                    while (true) {
                        Curio.sleep(Duration.ZERO);
                    }
                });
            }
            Task<?> hog = Curio.spawn(() -> {
                while (true) {
                    HOG.add(new byte[64 * 1024]);
                    Curio.sleep(Duration.ZERO);
                }
            });
            hog.join();
        });
    }
}
