package curio.opentelemetry;

import curio.api.TaskLocal;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;

/**
 * Gives OpenTelemetry a {@link ContextStorage} whose current context is a {@link TaskLocal}: per task, inherited at
 * spawn, seen by the threads that run the task's blocking work, and, outside any task, per thread as
 * OpenTelemetry's default is.
 */
public final class TaskContextStorageProvider implements ContextStorageProvider {

    /** Created by the ServiceLoader. */
    public TaskContextStorageProvider() {}

    @Override
    public ContextStorage get() {
        return Storage.INSTANCE;
    }

    /** The current context of the calling task (or plain thread); null, the root, until one is attached. */
    static final TaskLocal<Context> CURRENT = new TaskLocal<>();

    /** The storage over {@link #CURRENT}. */
    private enum Storage implements ContextStorage {
        INSTANCE;

        @Override
        public Scope attach(Context toAttach) {
            if (toAttach == null) {
                return Scope.noop();
            }
            Context before = current();
            if (toAttach == before) {
                return Scope.noop();
            }
            CURRENT.set(toAttach);
            return () -> CURRENT.set(before); // scopes close in the task (or thread) that opened them
        }

        @Override
        public Context current() {
            return CURRENT.get();
        }
    }
}
