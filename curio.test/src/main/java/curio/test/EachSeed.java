package curio.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per seed, named {@code [seed 1]}, {@code [seed 2]}, ...; the test method takes the
 * seed as its {@code long} parameter and hands it to a simulation ({@code curio.sim.Simulation}).
 * A failing seed's error names the seed and both ways to replay that run alone: the system property
 * {@code -Dcurio.sim.seed=N}, or the attribute {@code @EachSeed(replay = N)}.
 * <p>A run must be a function of its seed, and that is checked as {@code Simulation.check} checks it: the first seed,
 * and every seed that fails, is called a second time (a third for a failing one) and the simulations the test
 * ran on its thread must do the same event by event ({@code curio.sim.Simulation.replayCheck(Callable)}); where
 * they part is reported, with what leaked in. {@code -Dcurio.sim.determinism=all} checks every seed. So the test
 * method may be called more than once for one seed, on the same instance: its state belongs inside the call.
 * <pre>{@code
 * @EachSeed(200)
 * void echoSurvivesAHardNetwork(long seed) {
 *     Simulation.run(seed, Hardship.ROUGH, net -> { ... }).rethrow();
 * }
 * }</pre>
 * Seeds run one after another unless JUnit's parallel execution is on
 * ({@code junit.jupiter.execution.parallel.enabled=true}) and the test asks for it with
 * {@code @Execution(ExecutionMode.CONCURRENT)}: each seed's simulation has a kernel of its own, so
 * seeds can run side by side, as long as the test keeps each run's state inside the run.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(EachSeedExtension.class)
public @interface EachSeed {

    /** The system property that runs one seed only; the same one {@code curio.sim.Simulation.check} reads. */
    String SEED_PROPERTY = "curio.sim.seed";

    /**
     * The system property that, set to {@code all}, runs every seed twice and checks that both runs did the same;
     * the same one {@code curio.sim.Simulation.check} reads.
     */
    String DETERMINISM_PROPERTY = "curio.sim.determinism";

    /**
     * How many seeds: 1 to this.
     *
     * @return the count
     */
    int value() default 100;

    /**
     * Runs this seed alone (a failure's message gives it); -1, the default, runs them all.
     *
     * @return the seed to replay, or -1
     */
    long replay() default -1;
}
