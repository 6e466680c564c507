package curio.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.api.Task;
import curio.api.TaskCancelled;
import curio.api.TaskTimeout;
import curio.test.EachCarrier;
import curio.test.Kernels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** CURIO-SPEC 7.1-7.2: Queue, LifoQueue, PriorityQueue. */
class QueueTest {

    @EachCarrier
    void orderPolicies(String carrier) {
        Kernels.run(carrier, () -> {
            Queue<Integer> fifo = new Queue<>();
            LifoQueue<Integer> lifo = new LifoQueue<>();
            PriorityQueue<Integer> prio = new PriorityQueue<>();
            PriorityQueue<String> byLength = new PriorityQueue<>(Comparator.comparingInt(String::length));
            for (int i : new int[] {3, 1, 2}) {
                fifo.put(i);
                lifo.put(i);
                prio.put(i);
            }
            for (String s : List.of("ccc", "a", "bb")) {
                byLength.put(s);
            }
            assertEquals(List.of(3, 1, 2), List.of(fifo.get(), fifo.get(), fifo.get()));
            assertEquals(List.of(2, 1, 3), List.of(lifo.get(), lifo.get(), lifo.get()));
            assertEquals(List.of(1, 2, 3), List.of(prio.get(), prio.get(), prio.get()));
            assertEquals(List.of("a", "bb", "ccc"), List.of(byLength.get(), byLength.get(), byLength.get()));
            assertThrows(ClassCastException.class, () -> new PriorityQueue<Object>().put(new Object()));
        });
    }

    @EachCarrier
    void blockedConsumersTakeItemsRoundRobin(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Queue<Integer> q = new Queue<>();
            List<Task<?>> consumers = new ArrayList<>();
            for (String n : List.of("c1", "c2", "c3")) {
                consumers.add(Curio.spawn(() -> {
                    for (int i = 0; i < 2; i++) {
                        log.add(n + ":" + q.get());
                    }
                }));
            }
            Curio.schedule();
            for (int i = 0; i < 6; i++) {
                q.put(i);
                Curio.schedule(); // the woken consumer takes it and queues up again at the back
            }
            for (Task<?> c : consumers) {
                c.join();
            }
        });
        assertEquals(List.of("c1:0", "c2:1", "c3:2", "c1:3", "c2:4", "c3:5"), log);
    }

    @EachCarrier
    void everyWokenConsumerGetsAnItemWhenManyArriveAtOnce(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Queue<Integer> q = new Queue<>();
            List<Task<?>> consumers = new ArrayList<>();
            for (String n : List.of("c1", "c2")) {
                consumers.add(Curio.spawn(() -> {
                    for (int i = 0; i < 2; i++) {
                        log.add(n + ":" + q.get());
                    }
                }));
            }
            Curio.schedule();
            for (int i = 0; i < 4; i++) {
                q.put(i); // two items are reserved (counted, not chosen) for c1 and c2, as in Curio
            }
            for (Task<?> c : consumers) {
                c.join();
            }
        });
        assertEquals(List.of("c1:0", "c1:1", "c2:2", "c2:3"), log);
    }

    @EachCarrier
    void aWokenGetterIsNeverOvertaken(String carrier) {
        Kernels.run(carrier, () -> {
            Queue<String> q = new Queue<>();
            Task<String> waiting = Curio.spawn(q::get);
            Curio.schedule();
            q.put("x");                  // reserved for the waiting getter...
            Task<String> newcomer = Curio.spawn(q::get);
            Curio.schedule();            // ...so the newcomer, though it runs first, waits
            assertEquals("x", waiting.join());
            assertFalse(newcomer.terminated());
            q.put("y");
            assertEquals("y", newcomer.join());
        });
    }

    @EachCarrier
    void boundedQueueMakesPuttersWaitInOrder(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Queue<String> q = new Queue<>(2);
            q.put("a");
            q.put("b");
            assertTrue(q.isFull());
            Task<?> p1 = Curio.spawn(() -> { q.put("c"); log.add("put c"); });
            Task<?> p2 = Curio.spawn(() -> { q.put("d"); log.add("put d"); });
            Curio.schedule();
            assertEquals(2, q.statistics().putting());
            log.add("got " + q.get());
            assertTrue(q.isFull(), "the freed slot is reserved for the first putter");
            p1.join();
            log.add("got " + q.get());
            p2.join();
            log.add("got " + q.get() + q.get());
            assertTrue(q.isEmpty());
        });
        assertEquals(List.of("got a", "put c", "got b", "put d", "got cd"), log);
    }

    @EachCarrier
    void joinWaitsForEveryTaskDone(String carrier) {
        List<String> log = new ArrayList<>();
        Kernels.run(carrier, () -> {
            Queue<Integer> q = new Queue<>();
            Curio.spawnDaemon(() -> {
                while (true) {
                    int item = q.get();
                    Curio.sleep(Duration.ofMillis(10));
                    log.add("done " + item);
                    q.taskDone();
                }
            });
            for (int i = 0; i < 3; i++) {
                q.put(i);
            }
            q.join();
            log.add("joined");
            IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
            assertTrue(e.getMessage().contains("more times"));
        });
        assertEquals(List.of("done 0", "done 1", "done 2", "joined"), log);
    }

    @EachCarrier
    void cancelledGetterLosesNothingAndLeavesNothingBehind(String carrier) {
        Kernels.run(carrier, () -> {
            Queue<String> q = new Queue<>();
            Task<String> g = Curio.spawn(q::get);
            Curio.schedule();
            g.cancel();
            assertEquals(0, q.statistics().getting());
            assertThrows(TaskTimeout.class, () -> Curio.timeoutAfter(Duration.ofSeconds(1), q::get));
            q.put("kept");
            assertEquals("kept", q.get());
        });
    }

    @EachCarrier
    void getterCancelledAfterItsItemArrivedStillTakesIt(String carrier) {
        Kernels.run(carrier, () -> {
            Queue<String> q = new Queue<>();
            List<String> got = new ArrayList<>();
            Task<?> g = Curio.spawn(() -> {
                got.add(q.get());
                Curio.schedule(); // the pending cancellation lands here
            });
            Curio.schedule();
            q.put("item");
            g.cancel(false);
            g.awaitTermination();
            assertEquals(List.of("item"), got);
            assertInstanceOf(TaskCancelled.class, g.exception());
            assertTrue(q.isEmpty());
        });
    }

    @EachCarrier
    void misuseIsReported(String carrier) {
        assertThrows(IllegalArgumentException.class, () -> new Queue<>(-1));
        assertThrows(IllegalStateException.class, () -> new Queue<String>().get());
    }
}
