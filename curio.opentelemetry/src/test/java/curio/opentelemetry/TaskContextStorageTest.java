package curio.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import curio.api.Curio;
import curio.api.Task;
import curio.test.EachBackend;
import curio.test.Kernels;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Issue 28 item 4: with the real OpenTelemetry API, Context.current() is the task's. */
class TaskContextStorageTest {

    private static Span span(String spanId) {
        return Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", spanId, TraceFlags.getSampled(),
                TraceState.getDefault()));
    }

    private static String current() {
        SpanContext c = Span.current().getSpanContext();
        return c.isValid() ? c.getSpanId() : "none";
    }

    @EachBackend
    void aSpanMadeCurrentInOneTaskIsNeverCurrentInAnother(String backend) {
        Map<String, String> seen = new TreeMap<>();
        try (Scope caller = span("00000000000000c0").makeCurrent()) {
            Kernels.realTime(backend, () -> {
                seen.put("main", current());
                List<Task<?>> tasks = new ArrayList<>();
                for (String id : List.of("00000000000000a1", "00000000000000b2")) {
                    tasks.add(Curio.spawn(() -> {
                        try (Scope s = span(id).makeCurrent()) {
                            Task<String> child = Curio.spawn(() -> {
                                Curio.sleep(Duration.ofMillis(5));
                                return current();
                            });
                            Curio.sleep(Duration.ofMillis(10));
                            seen.put(id + " after a sleep", current());
                            seen.put(id + "'s child", child.join());
                            seen.put(id + " in a worker thread", Curio.runInThread(TaskContextStorageTest::current));
                        }
                        seen.put(id + " after its scope", current());
                    }));
                }
                tasks.add(Curio.spawn(() -> {
                    Curio.sleep(Duration.ofMillis(5)); // while both spans are current in their tasks
                    seen.put("a sibling", current());
                }));
                for (Task<?> t : tasks) {
                    t.join();
                }
                return null;
            });
            seen.put("caller after run", current());
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("main", "none");
        for (String id : List.of("00000000000000a1", "00000000000000b2")) {
            expected.put(id + " after a sleep", id);
            expected.put(id + "'s child", id);
            expected.put(id + " in a worker thread", id);
            expected.put(id + " after its scope", "none");
        }
        expected.put("a sibling", "none");
        expected.put("caller after run", "00000000000000c0");
        assertEquals(expected, seen);
    }
}
