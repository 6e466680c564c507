package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Activation;
import curio.api.Curio;
import curio.api.Debug;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.trap.BlockingTrap;
import curio.test.EachCarrier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** CURIO-SPEC 1.7-1.8: activations, the debug activations built on them, and JFR events. */
class ActivationTest {

    /** Records the hook sequence of the main task (and activate). */
    private static final class Recorder implements Activation {
        final List<String> calls = new ArrayList<>();
        long mainId = -1;

        @Override public void activate(Kernel k) { calls.add("activate"); }
        @Override public void created(Task<?> t) {
            if (mainId < 0) {
                mainId = t.id();
            }
            if (t.id() == mainId) calls.add("created");
        }
        @Override public void running(Task<?> t) { if (t.id() == mainId) calls.add("running"); }
        @Override public void suspended(Task<?> t, BlockingTrap trap) { if (t.id() == mainId) calls.add("suspended"); }
        @Override public void terminated(Task<?> t) { if (t.id() == mainId) calls.add("terminated"); }
    }

    @EachCarrier
    void hookSequenceOfAMainTask(String carrier) {
        Recorder r = new Recorder();
        try (Kernel k = Kernel.builder().carrier(carrier).virtualClock().activations(r).build()) {
            k.run(() -> {
                for (int i = 0; i < 3; i++) {
                    Curio.sleep(Duration.ofMillis(10));
                }
            });
        }
        assertEquals(List.of("activate", "created", "running", "suspended", "running", "suspended", "running",
                "suspended", "running", "suspended", "terminated"), r.calls);

        Recorder failing = new Recorder();
        try (Kernel k = Kernel.builder().carrier(carrier).virtualClock().activations(failing).build()) {
            assertThrows(IllegalStateException.class, () -> k.run(() -> {
                Curio.sleep(Duration.ofMillis(10));
                throw new IllegalStateException("raised");
            }));
        }
        assertEquals(List.of("activate", "created", "running", "suspended", "running", "suspended", "terminated"),
                failing.calls);
    }

    private static List<String> captureDebugLog(Runnable body) {
        List<String> lines = new ArrayList<>();
        Handler h = new Handler() {
            @Override public synchronized void publish(LogRecord r) {
                Object[] p = r.getParameters();
                lines.add(p == null ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), p));
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger.getLogger("curio.debug").addHandler(h);
        try {
            body.run();
        } finally {
            Logger.getLogger("curio.debug").removeHandler(h);
        }
        return lines;
    }

    /** Blocks the kernel thread, as a careless task would. */
    static void holdTheKernel(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @EachCarrier
    void debugActivationsLogWhatTheySay(String carrier) {
        List<String> lines = captureDebugLog(() -> {
            try (Kernel k = Kernel.builder().carrier(carrier).debug(Debug.trapTrace(), Debug.logCrash(),
                    Debug.longBlock(Duration.ofMillis(20))).build()) {
                k.run(() -> {
                    Task<?> crash = Curio.spawn(() -> {
                        throw new IllegalArgumentException("kaboom");
                    });
                    crash.awaitTermination();
                    holdTheKernel(40); // deliberately hold the kernel: a long block
                    Curio.sleep(Duration.ofMillis(1));
                });
            }
        });
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("CREATE:Task(")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN:Task(")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("TRAP:SchedWait[")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("crashed")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("ran for") && l.contains("debugActivationsLogWhatTheySay")),
                "the long block names the task and shows its stack: " + lines);
    }

    @EachCarrier
    void jfrEventsCanBeRecorded(String carrier) throws Exception {
        Path file = Files.createTempFile("curio", ".jfr");
        try (Recording recording = new Recording()) {
            for (String e : List.of("curio.TaskCreated", "curio.TaskTerminated", "curio.Trap", "curio.LongBlock")) {
                recording.enable(e);
            }
            recording.start();
            System.setProperty("curio.jfr.longBlockMillis", "10");
            try (Kernel k = Kernel.builder().carrier(carrier).jfr().build()) {
                k.run(() -> {
                    Curio.spawn(() -> Curio.sleep(Duration.ofMillis(5))).join();
                    Thread.sleep(30); // a long block
                    Curio.schedule();
                });
            } finally {
                System.clearProperty("curio.jfr.longBlockMillis");
            }
            recording.stop();
            recording.dump(file);
        }
        List<String> names = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            names.add(e.getEventType().getName() + (e.hasField("trap") ? ":" + e.getString("trap") + ":" + e.getString("state") : ""));
        }
        Files.delete(file);
        assertTrue(names.contains("curio.TaskCreated"), names.toString());
        assertTrue(names.contains("curio.TaskTerminated"), names.toString());
        assertTrue(names.contains("curio.Trap:Sleep:TIME_SLEEP"), names.toString());
        assertTrue(names.contains("curio.Trap:SchedWait:TASK_JOIN"), "Curio's name for the wait: " + names);
        assertTrue(names.contains("curio.LongBlock"), names.toString());
    }
}
