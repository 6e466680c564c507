package curio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskTimeout;
import curio.it.examples.WorkerJobs;
import curio.process.RemoteException;
import curio.process.WorkerCrashedException;
import curio.process.Workers;
import curio.test.EachCarrier;
import curio.test.Kernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CURIO-SPEC 8.4: work in worker JVMs. The jobs live in curio.it.examples, on the workers' module path. */
class WorkersTest {

    private static <T> T run(String carrier, curio.api.AsyncCallable<T, ?> main) {
        return Kernels.realTime(carrier, main);
    }

    @EachCarrier
    void resultsFailuresAndCrashes(String carrier) {
        run(carrier, () -> {
            assertEquals(25L, Workers.runInProcess(new WorkerJobs.CountPrimes(0, 100)));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Workers.runInProcess(new WorkerJobs.Fail("bad input")));
            assertEquals("bad input", e.getMessage());
            assertInstanceOf(RemoteException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("WorkerJobs$Fail.call"), e.getCause().getMessage());

            java.io.IOException wrapped = assertThrows(java.io.IOException.class,
                    () -> Workers.runInProcess(new WorkerJobs.FailWithCause("outer", "inner")));
            assertEquals("outer", wrapped.getMessage());
            assertInstanceOf(IllegalStateException.class, wrapped.getCause());
            assertEquals("inner", wrapped.getCause().getMessage());
            assertInstanceOf(RemoteException.class, wrapped.getSuppressed()[0], "the worker's trace travels beside it");

            RemoteException notSerializable = assertThrows(RemoteException.class,
                    () -> Workers.runInProcess(new WorkerJobs.Unserializable()));
            assertTrue(notSerializable.getMessage().contains("could not be serialized"), notSerializable.getMessage());

            WorkerCrashedException crash = assertThrows(WorkerCrashedException.class,
                    () -> Workers.runInProcess(new WorkerJobs.Exit(3)));
            assertTrue(crash.getMessage().contains("died during the call"), crash.getMessage());
            assertEquals(25L, Workers.runInProcess(new WorkerJobs.CountPrimes(0, 100)), "a new worker replaced it");
            return null;
        });
    }

    /** Issue 28 item 4: with curio.opentelemetry present, the current span goes to the worker as a traceparent. */
    @EachCarrier
    void theCurrentSpanCrossesToTheWorkerAsATraceparent(String carrier) {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String carrierName = "curio.opentelemetry.TraceparentCarrier";
        String[] seen = run(carrier, () -> new String[] {
                // the span made current in this task, as a server would from an incoming request's header
                curio.api.spi.ContextCarrier.callWith(java.util.Map.of(carrierName, traceparent),
                        () -> Workers.runInProcess(new WorkerJobs.ContextSeen())),
                Workers.runInProcess(new WorkerJobs.ContextSeen())}); // and without one: nothing arrives
        assertEquals("{" + carrierName + "=" + traceparent + "}", seen[0]);
        assertEquals("{}", seen[1], "the worker was left clean, and a task without a span sends none");
    }

    @EachCarrier
    void aThousandSmallCallsReuseTwoWorkers(String carrier) {
        run(carrier, () -> {
            List<Task<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                tasks.add(Curio.spawn(() -> Workers.runInProcess(new WorkerJobs.Pid())));
            }
            Set<Long> pids = new HashSet<>();
            for (Task<Long> t : tasks) {
                pids.add(t.join());
            }
            assertTrue(pids.size() <= Workers.DEFAULT_WORKERS, "workers used: " + pids);
            return null;
        });
    }

    @EachCarrier
    void cancellationKillsTheWorker(String carrier) {
        run(carrier, () -> {
            long idle = Workers.runInProcess(new WorkerJobs.Pid()); // the one idle worker, which runs the next call
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofMillis(300),
                    () -> Workers.runInProcess(new WorkerJobs.Slow(60_000))));
            boolean alive = true;
            for (int i = 0; i < 100 && alive; i++) {
                Curio.sleep(Duration.ofMillis(50));
                alive = ProcessHandle.of(idle).map(ProcessHandle::isAlive).orElse(false);
            }
            assertTrue(!alive, "the worker running the cancelled call was killed");
            assertEquals("slept", Workers.runInProcess(new WorkerJobs.Slow(1)), "the pool still serves");
            return null;
        });
    }

    @org.junit.jupiter.api.Test
    void fanOutExampleCountsPrimes() throws Exception {
        List<String> out = ExampleRunner.run("curio.it.examples.FanOut",
                List.of("--add-exports", "java.base/jdk.internal.vm=curio.kernel", "--add-opens", "java.base/java.lang=curio.kernel",
                        "--enable-native-access=curio.selector.epoll"));
        assertEquals("148933 primes below 2000000", out.get(out.size() - 1), out.toString());
    }
}
