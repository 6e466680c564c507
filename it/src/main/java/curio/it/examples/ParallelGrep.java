package curio.it.examples;

import curio.api.Curio;
import curio.api.Task;
import curio.process.Subprocess;
import curio.sync.Semaphore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code grep} over many files at once, one child process per file and at most four at a time:
 * each task waits on its child without blocking a thread, and prints its matches when it ends.
 * <pre>
 * java ... -m curio.it/curio.it.examples.ParallelGrep PATTERN FILE...
 * </pre>
 */
public final class ParallelGrep {

    private ParallelGrep() {}

    /** Greps each file in a child process; returns "file:line: text" for every match, in file order. */
    static List<String> grep(String pattern, List<String> files) {
        Semaphore slots = new Semaphore(4);
        List<Task<List<String>>> tasks = new ArrayList<>();
        for (String file : files) {
            tasks.add(Curio.spawn(() -> {
                try (var held = slots.hold()) {
                    Subprocess.Completed c = Subprocess.run(List.of("grep", "-n", "--", pattern, file));
                    if (c.exitCode() > 1) { // 1 means no match; more is an error
                        throw new IllegalStateException("grep failed on " + file + ": "
                                + new String(c.stderr(), StandardCharsets.UTF_8).strip());
                    }
                    List<String> matches = new ArrayList<>();
                    for (String line : new String(c.stdout(), StandardCharsets.UTF_8).lines().toList()) {
                        matches.add(file + ":" + line);
                    }
                    return matches;
                }
            }));
        }
        List<String> all = new ArrayList<>();
        for (Task<List<String>> t : tasks) {
            all.addAll(t.join());
        }
        return all;
    }

    /**
     * Prints the matches.
     *
     * @param args the pattern, then the files
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ParallelGrep PATTERN FILE...");
            System.exit(2);
        }
        List<String> matches = Curio.run(() -> grep(args[0], List.of(args).subList(1, args.length)));
        matches.forEach(System.out::println);
    }
}
