/**
 * Files for tasks: {@link curio.file.AsyncFile} reads and writes in the kernel's worker threads, so a
 * slow disk never stalls the other tasks.
 * <pre>{@code
 * try (AsyncFile f = AsyncFile.open(Path.of("access.log"))) {
 *     for (byte[] line = f.readLine(); line.length > 0; line = f.readLine()) {
 *         count++;
 *     }
 * }
 * }</pre>
 */
package curio.file;
