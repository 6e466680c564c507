/**
 * Curio's programming model for applications: start a kernel with {@link curio.api.Curio#run}, spawn
 * tasks, join them, bound them with timeouts, group them, cancel them.
 * <pre>{@code
 * int total = Curio.run(() -> {
 *     Task<Integer> a = Curio.spawn(() -> { Curio.sleep(Duration.ofMillis(100)); return 1; });
 *     Task<Integer> b = Curio.spawn(() -> { Curio.sleep(Duration.ofMillis(200)); return 2; });
 *     String late = Curio.ignoreAfter(Duration.ofMillis(50), () -> {
 *         Curio.sleep(Duration.ofSeconds(10));
 *         return "never";
 *     });                                         // null: the block expired
 *     return a.join() + b.join();                 // 3
 * });
 * }</pre>
 * Every method that may wait must be called from a task; from a plain thread it throws
 * {@code IllegalStateException} naming the call. Cancellation is delivered as a
 * {@link curio.api.CancelledError} (an {@code Error}, so {@code catch (Exception e)} cannot swallow it)
 * at the next blocking operation of the task.
 */
package curio.api;
