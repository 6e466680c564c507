/**
 * SLF4J's MDC per task: with this module on the module path, what a task puts in the MDC is inherited by the
 * tasks it spawns and seen by the threads that run its blocking work, and a task never sees another's.
 * Nothing to call: curio finds the {@link curio.slf4j.MdcCarrier} through {@link java.util.ServiceLoader}.
 * <pre>{@code
 * MDC.put("request", id);
 * Curio.spawn(() -> log.info("served")).join();   // logged with request=id
 * }</pre>
 */
package curio.slf4j;
