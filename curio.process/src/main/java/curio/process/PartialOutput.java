package curio.process;

/**
 * What a child process had written when a {@code Subprocess.communicate} or {@code Subprocess.run} was
 * cancelled or timed out, attached to the cancellation (Curio's {@code e.stdout} and {@code e.stderr} on
 * its {@code TaskTimeout}): output read before the timeout is not lost.
 * <pre>{@code
 * try {
 *     Curio.timeoutAfter(Duration.ofSeconds(10), () -> Subprocess.run(List.of("make", "test")));
 * } catch (TaskTimeout e) {
 *     e.detail(PartialOutput.class).ifPresent(out -> System.out.write(out.stdout()));
 *     throw e;
 * }
 * }</pre>
 *
 * @param stdout the bytes the child had written to its standard output, possibly none
 * @param stderr the bytes the child had written to its standard error, possibly none
 */
public record PartialOutput(byte[] stdout, byte[] stderr) {}
