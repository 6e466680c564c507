package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import curio.api.AsyncThread;
import curio.api.Curio;
import curio.api.Kernel;
import curio.api.Task;
import curio.api.TaskGroup;
import curio.test.EachCarrier;
import curio.test.Kernels;
import java.net.ConnectException;
import java.time.Duration;

/**
 * Issue 24 item 13: the checked exceptions of a body reach the compiler wherever the body runs in the caller's own
 * extent. This file is the test: each {@code catch (ConnectException e)} below compiles only because the call
 * declares what its lambda throws, and a body that throws nothing needs no catch at all.
 */
class CheckedExceptionsTest {

    private static final ConnectException REFUSED = new ConnectException("refused");

    static String connect() throws ConnectException {
        throw REFUSED;
    }

    static void connectNoResult() throws ConnectException {
        throw REFUSED;
    }

    static String quiet() {
        return "quiet";
    }

    @EachCarrier
    void eachCallThrowsWhatItsBodyThrows(String carrier) {
        Kernels.run(carrier, () -> {
            try {
                Curio.timeoutAfter(Duration.ofSeconds(1), () -> connect());
                fail("timeoutAfter");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            try {
                Curio.timeoutAfter(Duration.ofSeconds(1), CheckedExceptionsTest::connectNoResult);
                fail("timeoutAfter, no result");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            try {
                Curio.ignoreAfter(Duration.ofSeconds(1), () -> connect());
                fail("ignoreAfter");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            try {
                Curio.ignoreAfter(Duration.ofSeconds(1), () -> connect(), "expired");
                fail("ignoreAfter with a value");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            try {
                TaskGroup.run(TaskGroup.Wait.ALL, g -> connect());
                fail("TaskGroup.run");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            try {
                Curio.disableCancellation(() -> connect());
                fail("disableCancellation");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            try {
                Curio.runInThread(() -> connect());
                fail("runInThread");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            try {
                Curio.blockInThread(() -> connect());
                fail("blockInThread");
            } catch (ConnectException e) {
                assertSame(REFUSED, e);
            }
            // a body that throws nothing checked needs no catch, and a task's body may throw anything
            assertEquals("quiet", Curio.timeoutAfter(Duration.ofSeconds(1), () -> quiet()));
            assertEquals("quiet", TaskGroup.run(TaskGroup.Wait.ALL, g -> quiet()));
            assertEquals("quiet", Curio.runInThread(() -> quiet()));
            Task<String> task = Curio.spawn(() -> connect());
            task.awaitTermination();
            assertSame(REFUSED, task.exception());
        });
    }

    @EachCarrier
    void kernelRunAndAwaitThrowWhatTheirMainThrows(String carrier) throws InterruptedException {
        try (Kernel k = Kernels.realTime(carrier)) {
            k.run(() -> connect());
            fail("Kernel.run");
        } catch (ConnectException e) {
            assertSame(REFUSED, e);
        }
        try (Kernel k = Kernels.realTime(carrier)) {
            assertEquals("quiet", k.run(() -> quiet())); // no catch needed
            String seen = k.run(() -> Curio.spawnThread(() -> {
                try {
                    AsyncThread.await(() -> connect());
                    return "not thrown";
                } catch (ConnectException e) {
                    return e.getMessage();
                }
            }).join());
            assertEquals("refused", seen);
        }
    }
}
