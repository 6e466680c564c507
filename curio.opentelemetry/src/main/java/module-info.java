/**
 * OpenTelemetry's current context per curio task. With this module on the module path, {@code Context.current()}
 * is the calling task's: a span made current in one task is never current in another, a task starts with the
 * context its parent had when it spawned it, and the threads that run its blocking work ({@code
 * Curio.runInThread}, {@code blockInThread}, {@code spawnThread}) see it too. OpenTelemetry finds the storage
 * with {@link java.util.ServiceLoader}; with several providers present, name this one with
 * {@code -Dio.opentelemetry.context.contextStorageProvider=curio.opentelemetry.TaskContextStorageProvider}.
 *
 * @provides io.opentelemetry.context.ContextStorageProvider the task's context storage
 */
module curio.opentelemetry {
    requires curio.api;
    requires io.opentelemetry.context;

    exports curio.opentelemetry;

    provides io.opentelemetry.context.ContextStorageProvider with curio.opentelemetry.TaskContextStorageProvider;
}
