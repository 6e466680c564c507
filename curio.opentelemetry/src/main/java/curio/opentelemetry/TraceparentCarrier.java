package curio.opentelemetry;

import curio.api.spi.ContextCarrier;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;

/**
 * The current OpenTelemetry context as a {@link ContextCarrier}, for what a task-local does not reach: another
 * process. {@code Workers.runInProcess} sends the current span as a W3C {@code traceparent}
 * ({@code 00-<trace id>-<span id>-<flags>}), and the worker JVM runs the work with that span current, as a remote
 * parent. Within a JVM the context already follows a task through {@link TaskContextStorageProvider}'s task-local,
 * so installing it there again changes nothing.
 */
public final class TraceparentCarrier implements ContextCarrier<Context> {

    /** Created by the ServiceLoader. */
    public TraceparentCarrier() {}

    @Override
    public Context capture() {
        return Context.current();
    }

    @Override
    public void install(Context state) {
        TaskContextStorageProvider.CURRENT.set(state);
    }

    @Override
    public void clear() {
        TaskContextStorageProvider.CURRENT.remove();
    }

    @Override
    public String encode(Context state) {
        SpanContext span = Span.fromContext(state).getSpanContext();
        if (!span.isValid()) {
            return null; // no span: nothing to continue in the other process
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    @Override
    public Context decode(String text) {
        String[] parts = text.split("-");
        if (parts.length != 4 || !parts[0].equals("00") || parts[1].length() != 32 || parts[2].length() != 16
                || parts[3].length() != 2) {
            throw new IllegalArgumentException("not a W3C traceparent of version 00: " + text);
        }
        SpanContext remote = SpanContext.createFromRemoteParent(parts[1], parts[2], TraceFlags.fromHex(parts[3], 0),
                TraceState.getDefault());
        if (!remote.isValid()) {
            throw new IllegalArgumentException("a traceparent with an invalid trace or span id: " + text);
        }
        return Context.root().with(Span.wrap(remote));
    }
}
