/**
 * Other processes for tasks: {@link curio.process.Subprocess} runs a command with async pipes, and
 * {@link curio.process.Workers} runs Java work in a pool of worker JVMs.
 * <pre>{@code
 * Subprocess.Completed done = Subprocess.run(List.of("git", "status", "--short"));
 * if (done.exitCode() == 0) {
 *     System.out.print(new String(done.stdout(), StandardCharsets.UTF_8));
 * }
 * int primes = Workers.runInProcess(new CountPrimes(1, 10_000_000));   // a record that is Serializable
 * }</pre>
 */
package curio.process;
