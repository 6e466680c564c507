/**
 * SLF4J's MDC per curio task. Each task has its own MDC (as it has its own thread-locals on every carrier); with
 * this module on the module path, a task's MDC is also inherited by the tasks it spawns and carried into the
 * threads that run its blocking work ({@code Curio.runInThread}, {@code blockInThread}, {@code spawnThread}),
 * which are left with an empty MDC afterwards. Nothing to call: the kernel finds the carrier with
 * {@link java.util.ServiceLoader}.
 *
 * @provides curio.api.spi.ContextCarrier the MDC's carrier
 */
module curio.slf4j {
    requires curio.api;
    requires org.slf4j;

    exports curio.slf4j;

    provides curio.api.spi.ContextCarrier with curio.slf4j.MdcCarrier;
}
