package curio.kernel;

import curio.test.EachCarrier;
import curio.test.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** CURIO-SPEC 1.10 and 2.7: crashes are logged at once; successful tasks never joined are reported. */
class LoggingTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override public synchronized void publish(LogRecord r) { records.add(r); }
        @Override public void flush() {}
        @Override public void close() {}
    };

    @BeforeEach
    void capture() {
        for (String name : List.of("curio.kernel", "curio.task", "curio.debug")) {
            Logger.getLogger(name).addHandler(capture);
        }
    }

    @AfterEach
    void release() {
        for (String name : List.of("curio.kernel", "curio.task", "curio.debug")) {
            Logger.getLogger(name).removeHandler(capture);
        }
    }

    private synchronized List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel().equals(level)) {
                String m = r.getMessage();
                Object[] p = r.getParameters();
                out.add(p == null || p.length == 0 ? m : java.text.MessageFormat.format(m, p));
            }
        }
        return out;
    }

    @EachCarrier
    void crashIsLoggedAsSoonAsTheTaskEnds(String carrier) {
        Kernels.run(carrier, () -> {
            Task<?> t = Curio.spawn(() -> {
                throw new IllegalStateException("boom");
            });
            t.awaitTermination();
            List<String> errors = messages(Level.SEVERE);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).startsWith("Task Crash: Task(id=" + t.id()), errors.get(0));
            assertThrows(TaskError.class, t::join);
        });
        assertEquals(List.of(), messages(Level.WARNING), "a crashed task is never reported as unjoined");
    }

    @EachCarrier
    void mainTaskFailureAndCancellationsAreNotLogged(String carrier) {
        assertThrows(IllegalStateException.class, () -> Kernels.run(carrier, () -> {
            Task<?> t = Curio.spawn(() -> Curio.sleep(Duration.ofDays(1)));
            Curio.schedule();
            t.cancel();
            throw new IllegalStateException("main");
        }));
        assertEquals(List.of(), messages(Level.SEVERE));
    }

    @EachCarrier
    void successfulTaskNeverJoinedIsReportedAtShutdown(String carrier) {
        Task<?>[] kept = new Task<?>[1];
        try (Kernel k = Kernels.open(carrier)) {
            k.run(() -> {
                kept[0] = Curio.spawn(() -> 1);
                Curio.sleep(Duration.ofSeconds(1));
            });
        }
        List<String> warnings = messages(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("id=" + kept[0].id()) && warnings.get(0).endsWith("never joined"));
    }

    @EachCarrier
    void joinedLaterDaemonOrAwaitedTasksAreNotReported(String carrier) {
        Kernels.run(carrier, () -> {
            List<Task<Integer>> batch = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                batch.add(Curio.spawn(() -> 1));
            }
            Curio.sleep(Duration.ofSeconds(1)); // every task ends before it is joined
            for (Task<Integer> t : batch) {
                t.join();
            }
            Curio.spawnDaemon(() -> 1);
            Task<Integer> awaited = Curio.spawn(() -> 2);
            awaited.awaitTermination();
            Curio.sleep(Duration.ofSeconds(1));
        });
        assertEquals(List.of(), messages(Level.WARNING));
    }

    @EachCarrier
    void debugDeadlocksWarnsTheMomentACycleCloses(String carrier) {
        try (Kernel k = Kernel.builder().carrier(carrier).virtualClock().debug(curio.api.Debug.deadlocks()).build()) {
            k.run(() -> {
                Task<?>[] pair = DeadlockTest.joinCycle();
                Curio.sleep(Duration.ofMillis(10));
                List<String> warnings = messages(Level.WARNING);
                assertEquals(1, warnings.size(), warnings.toString()); // once: when the second join closed it
                assertTrue(warnings.getFirst().startsWith("Deadlock cycle closed by Task(id=" + pair[1].id()), warnings.toString());
                pair[1].cancel();
                pair[0].cancel();
            });
        }
    }
}
