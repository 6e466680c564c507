package curio.bench.net;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Pins threads to CPUs with Linux's {@code sched_setaffinity}, so that the echo benchmark gives the
 * server one core and the load generator the other, whatever server runs: on a 2-core machine a
 * server and a generator that migrate and share cores scatter the results by tens of percent.
 * <p>{@link #splitProcess(int, int)} puts every thread of the process on one CPU and the calling
 * thread on another. New threads inherit their creator's CPUs, so it is called again when measuring
 * starts, to catch threads created during the warm-up.
 */
final class Affinity {

    private static final MethodHandle SET_AFFINITY = lookup();

    private Affinity() {}

    private static MethodHandle lookup() {
        if (!System.getProperty("os.name", "").startsWith("Linux") || Runtime.getRuntime().availableProcessors() < 2) {
            return null;
        }
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("sched_setaffinity")
                .map(f -> linker.downcallHandle(f, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS)))
                .orElse(null);
    }

    /** Returns why pinning is off, or null when it works here. */
    static String unavailableReason() {
        return SET_AFFINITY == null ? "needs Linux with at least 2 CPUs" : null;
    }

    /**
     * Pins every thread of this process to {@code others}, then the calling thread to {@code mine}.
     *
     * @return false if pinning is unavailable here
     */
    static boolean splitProcess(int mine, int others) {
        if (SET_AFFINITY == null) {
            return false;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            List<Integer> tids = tasks.map(p -> Integer.parseInt(p.getFileName().toString())).toList();
            for (int tid : tids) {
                pin(tid, others); // a thread that ended meanwhile just fails: ignored
            }
        } catch (IOException e) {
            return false;
        }
        return pin(0, mine);
    }

    /** Pins one thread (0: the calling thread) to one CPU; returns false if the system refused. */
    private static boolean pin(int tid, int cpu) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(128); // cpu_set_t: 1024 bits
            mask.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
            return (int) SET_AFFINITY.invokeExact(tid, mask.byteSize(), mask) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_setaffinity failed", t);
        }
    }
}
