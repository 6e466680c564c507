/**
 * OpenTelemetry's current context per curio task. With this module on the module path, {@code Context.current()}
 * is the calling task's: a span made current in one task is never current in another, a task starts with the
 * context its parent had when it spawned it, and the threads that run its blocking work ({@code
 * Curio.runInThread}, {@code blockInThread}, {@code spawnThread}) see it too. OpenTelemetry finds the storage
 * with {@link java.util.ServiceLoader}; with several providers present, name this one with
 * {@code -Dio.opentelemetry.context.contextStorageProvider=curio.opentelemetry.TaskContextStorageProvider}.
 * {@code Workers.runInProcess} sends the current span to its worker JVM as a W3C {@code traceparent}, where the
 * work runs inside it (as the child of a remote parent).
 *
 * @provides io.opentelemetry.context.ContextStorageProvider the task's context storage
 * @provides curio.api.spi.ContextCarrier the current context, across to worker processes as a traceparent
 */
module curio.opentelemetry {
    requires curio.api;
    requires io.opentelemetry.context;
    requires io.opentelemetry.api;
    // needed by io.opentelemetry.context at run time; named here because an automatic module declares nothing it
    // needs, and without a module that requires it a build tool may leave it off the module path
    requires io.opentelemetry.common;

    exports curio.opentelemetry;

    provides io.opentelemetry.context.ContextStorageProvider with curio.opentelemetry.TaskContextStorageProvider;
    provides curio.api.spi.ContextCarrier with curio.opentelemetry.TraceparentCarrier;
}
