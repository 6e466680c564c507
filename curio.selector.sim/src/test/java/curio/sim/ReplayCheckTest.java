package curio.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import curio.api.Curio;
import curio.test.EachCarrier;
import curio.test.EachSeed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Issue 26 item 2: code that runs simulations itself ({@code @EachSeed} tests above all) has its runs checked for
 * determinism: called twice, the simulations it ran must do the same, event by event.
 */
class ReplayCheckTest {

    /** A program whose schedule depends on the real clock: something outside the simulation leaking in. */
    static void leaky(SimNetwork net) throws Exception {
        net.host("worker").spawn(() -> {
            for (int i = 0; i < 20; i++) {
                Curio.sleep(Duration.ofMillis(1 + System.nanoTime() % 7));
            }
        }).join();
    }

    /** A program that is a function of its seed. */
    static void steady(SimNetwork net) throws Exception {
        SimulationTest.lineEcho(net, 2, 4);
    }

    @EachCarrier
    void aCallWhoseRunsAgreeReturnsWhatItsFirstCallReturned(String carrier) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String r = Simulation.replayCheck(() -> {
            Simulation.run(3, Hardship.ROUGH, carrier, ReplayCheckTest::steady).rethrow();
            Simulation.run(4, Hardship.ROUGH, carrier, ReplayCheckTest::steady).rethrow();
            return "call " + calls.incrementAndGet();
        });
        assertEquals("call 1", r);
        assertEquals(2, calls.get(), "called twice");
    }

    @EachCarrier
    void aLeakNamesTheRunTheEventTheTaskAndTheHost(String carrier) {
        AssertionError e = assertThrows(AssertionError.class, () -> Simulation.replayCheck(() -> {
            Simulation.run(3, Hardship.NONE, carrier, ReplayCheckTest::steady).rethrow();
            Simulation.run(5, Hardship.NONE, carrier, ReplayCheckTest::leaky).rethrow();
            return null;
        }));
        String m = e.getMessage();
        assertTrue(m.startsWith("two calls did not do the same: simulation 2 of the call (seed 5) is not a function of"
                + " its seed: two runs of it part at event "), m);
        assertTrue(m.contains("on host 'worker'") && m.contains("in task "), "where it parted: " + m);
        assertTrue(m.contains("Something outside the simulation leaked in"), m);
    }

    @Test
    void aDifferentNumberOfRunsIsADifference() {
        AtomicInteger calls = new AtomicInteger();
        AssertionError e = assertThrows(AssertionError.class, () -> Simulation.replayCheck(() -> {
            int call = calls.getAndIncrement();
            for (int i = 0; i <= call; i++) {
                Simulation.run(i, Hardship.NONE, ReplayCheckTest::steady);
            }
            return null;
        }));
        assertTrue(e.getMessage().startsWith("two calls did not do the same: the first call ran 1 simulations and the"
                + " second 2"), e.getMessage());
    }

    @Test
    void aFailureThatReplaysIsThrownAsItWas() {
        IllegalStateException failure = new IllegalStateException("the program's own failure");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Simulation.replayCheck(() -> {
            Simulation.run(3, Hardship.NONE, ReplayCheckTest::steady);
            throw failure;
        }));
        assertSame(failure, thrown);
    }

    @Test
    void aCheckDoesNotNest() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Simulation.replayCheck(
                () -> Simulation.replayCheck(() -> null)));
        assertTrue(e.getMessage().contains("already checking"), e.getMessage());
    }

    // ------------------------------------------------------------------ @EachSeed, run by the engine test kit

    /** How many times each example's seeds were called, by "example seed". */
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private static void count(String example, long seed) {
        CALLS.computeIfAbsent(example + " " + seed, k -> new AtomicInteger()).incrementAndGet();
    }

    private static int calls(String example, long seed) {
        AtomicInteger n = CALLS.get(example + " " + seed);
        return n == null ? 0 : n.get();
    }

    /**
     * One call of an example: counts it, runs {@code program} under the seed, then fails for {@code failing}
     * with {@code message} (the program's own assertion); no seed is -1.
     */
    private static void example(String name, long seed, Simulation.Body program, long failing, String message) {
        count(name, seed);
        Simulation.run(seed, Hardship.NONE, program).rethrow();
        assertTrue(seed != failing, message);
    }

    /** Examples for the engine test kit; not run on their own. */
    static class Examples {
        @EachSeed(3)
        void steadyButFailsSeedTwo(long seed) {
            example("steady", seed, ReplayCheckTest::steady, 2, "the program's own check, failing for seed 2");
        }

        @EachSeed(3)
        void leaksFromItsFirstSeed(long seed) {
            example("leaky", seed, ReplayCheckTest::leaky, -1, "never");
        }

        @EachSeed(2)
        void failsItsFirstSeed(long seed) {
            example("first fails", seed, ReplayCheckTest::steady, 1, "seed 1 fails, every time");
        }

        @EachSeed(4)
        void leaksOnlyWhenItFails(long seed) {
            example("leaky failure", seed, seed == 3 ? ReplayCheckTest::leaky : ReplayCheckTest::steady, 3, "seed 3 fails");
        }
    }

    private static List<Event> run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectMethod(Examples.class, method, "long"))
                .execute().testEvents().finished().list();
    }

    private static Throwable failureOf(List<Event> events, String display) {
        Event e = events.stream().filter(x -> x.getTestDescriptor().getDisplayName().equals(display)).findFirst()
                .orElseThrow(() -> new AssertionError("no test " + display + " in " + events));
        TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
        return r.getThrowable().orElse(null);
    }

    @Test
    void eachSeedChecksItsFirstSeedAndReplaysAFailingOne() {
        List<Event> events = run("steadyButFailsSeedTwo");
        assertEquals(3, events.size(), events.toString());
        assertEquals(null, failureOf(events, "[seed 1]"));
        assertEquals(null, failureOf(events, "[seed 3]"));
        Throwable t = failureOf(events, "[seed 2]");
        assertInstanceOf(AssertionError.class, t);
        assertTrue(t.getMessage().startsWith("failed with seed 2; replay this run alone with -Dcurio.sim.seed=2")
                && t.getMessage().contains("the program's own check, failing for seed 2"), t.getMessage());
        assertEquals(2, calls("steady", 1), "the first seed runs twice");
        assertEquals(3, calls("steady", 2), "a failing seed runs twice more");
        assertEquals(1, calls("steady", 3), "a passing seed after the first runs once");
    }

    @Test
    void aFirstSeedThatFailsTheSameTwiceFailsAsItself() {
        List<Event> events = run("failsItsFirstSeed");
        Throwable t = failureOf(events, "[seed 1]");
        assertTrue(t != null && t.getMessage().startsWith("failed with seed 1; replay this run alone with")
                && t.getMessage().contains("seed 1 fails, every time"), String.valueOf(t));
        assertEquals(null, failureOf(events, "[seed 2]"));
        assertEquals(2, calls("first fails", 1), "checked once, not replayed again for failing");
        assertEquals(1, calls("first fails", 2));
    }

    @Test
    void eachSeedReportsALeakAtItsFirstSeed() {
        List<Event> events = run("leaksFromItsFirstSeed");
        Throwable t = failureOf(events, "[seed 1]");
        assertTrue(t != null && t.getMessage().startsWith("seed 1 does not replay (-Dcurio.sim.seed=1 would not give"
                + " this run again): two calls did not do the same: simulation 1 of the call (seed 1) is not a function"
                + " of its seed"), String.valueOf(t));
        assertEquals(null, failureOf(events, "[seed 2]"), "a leak the check does not look for passes unseen");
    }

    @Test
    void eachSeedReportsAFailureThatWouldNotReplay() {
        List<Event> events = run("leaksOnlyWhenItFails");
        Predicate<Throwable> passed = t -> t == null;
        assertTrue(passed.test(failureOf(events, "[seed 1]")) && passed.test(failureOf(events, "[seed 2]"))
                && passed.test(failureOf(events, "[seed 4]")), events.toString());
        Throwable t = failureOf(events, "[seed 3]");
        assertTrue(t != null && t.getMessage().startsWith("seed 3 does not replay") && t.getMessage().contains(
                "simulation 1 of the call (seed 3) is not a function of its seed"), String.valueOf(t));
        assertTrue(List.of(t.getSuppressed()).stream().anyMatch(s -> String.valueOf(s.getMessage())
                .contains("seed 3 fails")), "the failure itself is kept: " + t);
    }
}
