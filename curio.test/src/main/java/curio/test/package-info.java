/**
 * JUnit Jupiter support for curio code. {@link curio.test.CurioTest} runs a test method as a kernel's
 * main task, on the virtual clock, once per carrier (and selector), and fails it if it leaves tasks
 * behind, never joins one, or deadlocks:
 * <pre>{@code
 * @CurioTest
 * void timeoutsCostNoRealTime() {
 *     assertNull(Curio.ignoreAfter(Duration.ofHours(1), () -> {
 *         Curio.sleep(Duration.ofDays(1));
 *         return "late";
 *     }));
 * }
 * }</pre>
 * {@link curio.test.EachBackend} and {@link curio.test.EachCarrier} parameterise a plain test by backend,
 * {@link curio.test.Kernels} opens the kernels, and {@link curio.test.SelectorContract} is the contract
 * of a selector backend.
 */
package curio.test;
