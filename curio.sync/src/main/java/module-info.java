/**
 * Synchronisation for curio tasks: {@link curio.sync.Event}, {@link curio.sync.Result},
 * {@link curio.sync.Lock}, {@link curio.sync.RLock}, {@link curio.sync.Semaphore},
 * {@link curio.sync.BoundedSemaphore}, {@link curio.sync.Condition}, the {@link curio.sync.Queue}
 * family, and the thread-safe bridges {@link curio.sync.UniversalQueue},
 * {@link curio.sync.UniversalEvent} and {@link curio.sync.UniversalResult}.
 * <p>Every task-only primitive is state plus one or two wait queues of {@code curio.api.trap}: no
 * kernel classes, no {@code java.util.concurrent} locks, no busy waiting.
 */
module curio.sync {
    requires transitive curio.api;

    exports curio.sync;
}
