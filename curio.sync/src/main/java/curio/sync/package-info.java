/**
 * Synchronisation between tasks ({@link curio.sync.Event}, {@link curio.sync.Lock},
 * {@link curio.sync.Semaphore}, {@link curio.sync.Condition}, {@link curio.sync.Queue} ...) and between
 * tasks and threads ({@link curio.sync.UniversalQueue}, {@link curio.sync.UniversalEvent},
 * {@link curio.sync.UniversalResult}).
 * <pre>{@code
 * Queue<String> jobs = new Queue<>(10);
 * Task<?> worker = Curio.spawn(() -> {
 *     for (String job = jobs.get(); !job.isEmpty(); job = jobs.get()) {
 *         handle(job);
 *         jobs.taskDone();
 *     }
 * });
 * jobs.put("first");
 * jobs.join();                    // waits until every job put was marked done
 * }</pre>
 */
package curio.sync;
