package curio.slf4j;

import curio.api.spi.ContextCarrier;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Carries SLF4J's MDC from a task to the tasks it spawns and to the threads that run its blocking work: a copy
 * of the map, so that what the receiver puts in its MDC stays its own. Found through
 * {@link java.util.ServiceLoader}; a program on the class path registers it itself with
 * {@code ContextCarrier.register(new MdcCarrier())}.
 */
public final class MdcCarrier implements ContextCarrier<Map<String, String>> {

    /** Created by the ServiceLoader, or by a program that registers it itself. */
    public MdcCarrier() {}

    @Override
    public Map<String, String> capture() {
        return MDC.getCopyOfContextMap();
    }

    @Override
    public void install(Map<String, String> state) {
        if (state == null || state.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(state);
        }
    }

    @Override
    public void clear() {
        MDC.clear();
    }
}
