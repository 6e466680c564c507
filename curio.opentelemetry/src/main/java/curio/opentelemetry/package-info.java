/**
 * OpenTelemetry's current context per task: with this module on the module path, {@code Context.current()}
 * inside a task is that task's, inherited by the tasks it spawns and seen by the threads that run its
 * blocking work, and a worker process started by {@code Workers.runInProcess} continues the trace (a W3C
 * {@code traceparent}). Nothing to call: OpenTelemetry and curio find the providers through
 * {@link java.util.ServiceLoader}.
 * <pre>{@code
 * Span span = tracer.spanBuilder("request").startSpan();
 * try (Scope scope = span.makeCurrent()) {
 *     Curio.spawn(() -> handle(request)).join();   // handle() sees Span.current() == span
 * } finally {
 *     span.end();
 * }
 * }</pre>
 */
package curio.opentelemetry;
