package curio.test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

/** {@link EachSeed}'s engine: one invocation per seed, the seed as the {@code long} parameter. */
final class EachSeedExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(EachSeed.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        EachSeed seeds = m.getAnnotation(EachSeed.class);
        if (seeds.value() < 1) {
            throw new IllegalArgumentException("@EachSeed on " + m.getName() + ": the count must be at least 1, got "
                    + seeds.value());
        }
        if (m.getParameterCount() != 1 || m.getParameterTypes()[0] != long.class) {
            throw new IllegalArgumentException("@EachSeed method " + m.getName() + " must take one long parameter: the seed");
        }
        requireSimulationWired(m);
        String property = System.getProperty(EachSeed.SEED_PROPERTY);
        LongStream chosen = seeds.replay() >= 0 ? LongStream.of(seeds.replay())
                : property != null ? LongStream.of(Long.parseLong(property.trim()))
                : LongStream.rangeClosed(1, seeds.value());
        boolean all = "all".equals(System.getProperty(EachSeed.DETERMINISM_PROPERTY));
        Method replayCheck = replayCheck(m);
        boolean[] firstTaken = {false};
        return chosen.mapToObj(seed -> {
            boolean checked = all || !firstTaken[0];
            firstTaken[0] = true;
            return new SeedRun(seed, checked, replayCheck);
        });
    }

    /**
     * {@code curio.sim.Simulation.replayCheck(Callable)}, found by name: this module cannot require curio.sim (its
     * own tests use this one), and a test with {@code @EachSeed} has it on its path ({@link #requireSimulationWired}).
     */
    private static Method replayCheck(Method test) {
        try {
            return Class.forName("curio.sim.Simulation", false, test.getDeclaringClass().getClassLoader())
                    .getMethod("replayCheck", Callable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExtensionConfigurationException("@EachSeed needs curio.sim.Simulation.replayCheck(Callable), from"
                    + " the curio.selector.sim of this curio.test's version: " + e, e);
        }
    }

    /**
     * A wiring error is one error, reported before any seed runs: without the check, a test module that cannot
     * read curio.selector.sim fails every seed alike with an {@code IllegalAccessError}, reported as that many
     * seed-specific failures.
     */
    static void requireSimulationWired(Method m) {
        Class<?> test = m.getDeclaringClass();
        Class<?> simulation;
        try {
            simulation = Class.forName("curio.sim.Simulation", false, test.getClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new ExtensionConfigurationException("@EachSeed on " + test.getSimpleName() + "." + m.getName()
                    + " runs simulations, but curio.selector.sim is not on the test's path: add the test dependency"
                    + " io.github.curio-java:curio.selector.sim (see the README's \"Use it in your project\")");
        }
        Module reader = test.getModule();
        Module sim = simulation.getModule();
        if (reader.isNamed() && sim.isNamed() && !reader.canRead(sim)) {
            throw new ExtensionConfigurationException("@EachSeed on " + test.getSimpleName() + "." + m.getName()
                    + ": module " + reader.getName() + " does not read " + sim.getName() + ", so no seed could run;"
                    + " a test-only module is never required in module-info.java: add --add-reads " + reader.getName()
                    + "=" + sim.getName() + " to Surefire's argLine (see the README's \"Use it in your project\")");
        }
    }

    private record SeedRun(long seed, boolean checked, Method replayCheck) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[seed " + seed + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new SeedParameter(seed, checked, replayCheck));
        }
    }

    /**
     * Supplies the seed; runs the seed a second time where it matters (the first seed, each failing one, all with
     * {@code -Dcurio.sim.determinism=all}) and checks both runs did the same; names the seed in a failure with the
     * ways to replay it.
     */
    private record SeedParameter(long seed, boolean checked, Method replayCheck)
            implements ParameterResolver, TestExecutionExceptionHandler, InvocationInterceptor {

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                ExtensionContext context) throws Throwable {
            Callable<Throwable> again = () -> failureOf(() -> context.getExecutableInvoker()
                    .invoke(call.getExecutable(), call.getTarget().orElse(null)));
            if (checked) {
                boolean[] proceeded = {false};
                Throwable failure = sameTwice(() -> {
                    if (proceeded[0]) {
                        return again.call();
                    }
                    proceeded[0] = true;
                    return failureOf(invocation::proceed);
                });
                if (failure != null) {
                    throw failure;
                }
                return;
            }
            Throwable failure = failureOf(invocation::proceed);
            if (failure == null) {
                return;
            }
            if (failure instanceof TestAbortedException) {
                throw failure;
            }
            try {
                sameTwice(again);
            } catch (Throwable differed) { // the failure would not replay: that is the news, the failure goes with it
                differed.addSuppressed(failure);
                throw differed;
            }
            throw failure;
        }

        /**
         * Calls {@code call} twice through the simulation's determinism check; returns the first call's failure.
         * When the two differ, the error says first that replaying this seed will not help.
         */
        private Throwable sameTwice(Callable<Throwable> call) throws Throwable {
            try {
                return (Throwable) replayCheck.invoke(null, call);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (!(e.getCause() instanceof AssertionError report)) {
                    throw e.getCause();
                }
                throw new AssertionError("seed " + seed + " does not replay (-D" + EachSeed.SEED_PROPERTY + "=" + seed
                        + " would not give this run again): " + report.getMessage(), report);
            }
        }

        /** A call of the test method. */
        private interface Call {
            void run() throws Throwable;
        }

        /** Runs {@code body}; returns what it threw, or null. */
        private static Throwable failureOf(Call body) {
            try {
                body.run();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == long.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return seed;
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
            if (thrown instanceof TestAbortedException || String.valueOf(thrown.getMessage()).contains("-D" + EachSeed.SEED_PROPERTY)) {
                throw thrown; // already names its seed (Simulation's own errors do)
            }
            AssertionError named = new AssertionError("failed with seed " + seed + "; replay this run alone with -D"
                    + EachSeed.SEED_PROPERTY + "=" + seed + " or @EachSeed(replay = " + seed + "): " + thrown, thrown);
            throw named;
        }
    }
}
