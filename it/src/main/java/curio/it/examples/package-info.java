/**
 * Runnable examples, each a {@code main}: the README's demo, an echo and a chat server, a countdown with
 * timeouts, a parallel grep over subprocesses and jobs in worker processes.
 * <pre>{@code
 * "$JAVA_HOME"/bin/java -p it/target/classes:it/target/modules -m curio.it/curio.it.examples.Demo
 * }</pre>
 */
package curio.it.examples;
