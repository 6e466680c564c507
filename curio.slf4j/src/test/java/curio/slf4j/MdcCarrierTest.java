package curio.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import curio.api.Curio;
import curio.api.Task;
import curio.test.EachBackend;
import curio.test.Kernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.MDC;

/** Issue 28 item 4: each task has its own MDC, inherited at spawn and carried into threads, with a real SLF4J MDC. */
class MdcCarrierTest {

    private static String request() {
        return String.valueOf(MDC.get("request"));
    }

    @EachBackend
    void eachTaskHasItsOwnMdcInheritedAtSpawnAndCarriedIntoThreads(String backend) {
        Map<String, String> seen = new TreeMap<>();
        MDC.put("request", "caller");
        try {
            Kernels.realTime(backend, () -> {
                seen.put("main", request());
                List<Task<?>> requests = new ArrayList<>();
                for (int i = 1; i <= 2; i++) {
                    int n = i;
                    requests.add(Curio.spawn(() -> {
                        MDC.put("request", "request-" + n);
                        Task<String> audit = Curio.spawn(() -> {
                            Curio.sleep(Duration.ofMillis(5));
                            return request();
                        });
                        MDC.put("request", "request-" + n + " changed after the spawn");
                        seen.put(n + ": child", audit.join());
                        seen.put(n + ": in a worker thread", Curio.runInThread(MdcCarrierTest::request));
                        seen.put(n + ": in an async thread", Curio.spawnThread(MdcCarrierTest::request).join());
                        Curio.sleep(Duration.ofMillis(10));
                        seen.put(n + ": after the others ran", request());
                    }));
                }
                for (Task<?> t : requests) {
                    t.join();
                }
                MDC.clear();
                seen.put("a worker, after", Curio.runInThread(() -> String.valueOf(MDC.getCopyOfContextMap())));
                return null;
            });
            seen.put("caller after run", request());
        } finally {
            MDC.clear();
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("main", "null");
        for (int n = 1; n <= 2; n++) {
            expected.put(n + ": child", "request-" + n);
            expected.put(n + ": in a worker thread", "request-" + n + " changed after the spawn");
            expected.put(n + ": in an async thread", "request-" + n + " changed after the spawn");
            expected.put(n + ": after the others ran", "request-" + n + " changed after the spawn");
        }
        expected.put("a worker, after", "null");
        expected.put("caller after run", "caller");
        assertEquals(expected, seen);
    }
}
