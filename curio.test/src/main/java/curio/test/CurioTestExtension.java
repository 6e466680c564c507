package curio.test;

import curio.api.Activation;
import curio.api.Kernel;
import curio.api.Task;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Drives {@link CurioTest}: one invocation per selector x carrier, each inside a fresh kernel. */
public final class CurioTestExtension implements TestTemplateInvocationContextProvider {

    /** Created by JUnit for {@link CurioTest}; holds no state. */
    public CurioTestExtension() {}

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(CurioTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        CurioTest spec = context.getRequiredTestMethod().getAnnotation(CurioTest.class);
        List<TestTemplateInvocationContext> runs = new ArrayList<>();
        for (String selector : spec.selectors()) {
            for (String carrier : spec.carriers()) {
                runs.add(new TestTemplateInvocationContext() {
                    @Override
                    public String getDisplayName(int index) {
                        return "[" + Backends.id(carrier, selector) + "]";
                    }

                    @Override
                    public List<Extension> getAdditionalExtensions() {
                        return List.of(new InKernel(selector, carrier, spec.deadlineSeconds()));
                    }
                });
            }
        }
        return runs.stream();
    }

    /** Runs the test method as a kernel's main task, then checks what the test left behind. */
    private record InKernel(String selector, String carrier, long deadlineSeconds) implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                ReflectiveInvocationContext<Method> call, ExtensionContext context) throws Throwable {
            java.util.Optional<String> unavailable = Backends.unavailable(carrier);
            if (unavailable.isPresent()) {
                invocation.skip();
                org.junit.jupiter.api.Assumptions.abort("not run: " + unavailable.get());
            }
            Set<Task<?>> alive = new LinkedHashSet<>();
            List<Task<?>> ended = new ArrayList<>();
            Activation watch = new Activation() {
                @Override public void created(Task<?> t) { alive.add(t); }
                @Override public void terminated(Task<?> t) { alive.remove(t); ended.add(t); }
            };
            Task<?>[] main = new Task<?>[1];
            try (Kernel k = Kernel.builder().selector(selector).carrier(carrier).virtualClock()
                    .activations(watch).build()) {
                k.run(() -> {
                    main[0] = curio.api.Curio.currentTask();
                    body(invocation);
                    alive.remove(main[0]);
                    List<String> left = alive.stream().filter(t -> !t.daemon()).map(Object::toString).toList();
                    if (!left.isEmpty()) {
                        throw new AssertionError("tasks left running at the end of the test: " + left);
                    }
                });
            }
            List<String> unjoined = new ArrayList<>();
            for (Task<?> t : ended) {
                if (t != main[0] && !t.daemon() && !t.cancelled() && t.exception() == null
                        && !t.joined()) {
                    unjoined.add(t.toString());
                }
            }
            if (!unjoined.isEmpty()) {
                throw new AssertionError("tasks never joined: " + unjoined);
            }
        }
    
        private void body(Invocation<Void> invocation) throws Exception {
            curio.api.AsyncRunnable<RuntimeException> proceed = () -> {
                try {
                    invocation.proceed();
                } catch (Throwable t) {
                    throw curio.api.trap.Rethrow.unchecked(t);
                }
            };
            if (deadlineSeconds <= 0) {
                proceed.run();
                return;
            }
            try {
                curio.api.Curio.timeoutAfter(java.time.Duration.ofSeconds(deadlineSeconds), proceed);
            } catch (curio.api.TaskTimeout expired) {
                AssertionError e = new AssertionError("the test body was still running at its deadline of "
                        + deadlineSeconds + " s");
                e.initCause(expired);
                throw e;
            }
        }
    }
}
