package curio.it.examples;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * What the demo profile starts: runs an example's {@code main} with arguments, and ends the JVM when
 * the process that started it (Maven) ends, so that stopping Maven, with Ctrl-C or by its pid, never
 * leaves a server holding its port.
 * <pre>
 * ./mvnw -q -Pdemo -DskipTests package -Ddemo.main=curio.it/curio.it.examples.ParallelGrep -Ddemo.args="TODO README.md pom.xml"
 * </pre>
 */
public final class Demo {

    private Demo() {}

    /**
     * Runs the example.
     *
     * @param args the example as {@code module/class} (the module part is optional), then its arguments:
     *             one string split at spaces (as {@code -Ddemo.args} gives it) or several
     * @throws Throwable whatever the example's main throws
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("Demo: name the example to run, e.g. curio.it/curio.it.examples.Countdown");
        }
        String target = args[0].substring(args[0].indexOf('/') + 1);
        String[] rest = Arrays.stream(args, 1, args.length)
                .flatMap(a -> Arrays.stream(a.strip().split("\\s+")))
                .filter(a -> !a.isEmpty())
                .toArray(String[]::new);
        ProcessHandle.current().parent().ifPresent(starter -> starter.onExit().thenRun(() -> {
            System.err.println("Demo: the process that started " + target + " has ended; stopping");
            Runtime.getRuntime().halt(0); // not exit(): a shutdown hook waiting on the example must not keep it up
        }));
        Method main = Class.forName(target).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) rest);
        } catch (InvocationTargetException e) {
            java.net.BindException busy = bindFailure(e.getCause());
            if (busy == null) {
                throw e.getCause();
            }
            // one clear line, not a stack trace wrapped in the build tool's report of a failed plugin
            System.err.println("Demo: " + target.substring(target.lastIndexOf('.') + 1) + " cannot listen: "
                    + busy.getMessage() + ". Stop what holds the port, or give the example another one"
                    + " (-Ddemo.args=PORT).");
            Runtime.getRuntime().halt(CANNOT_LISTEN);
        }
    }

    /** The exit code of an example that could not listen; the demo profile counts it as reported, not as a build failure. */
    static final int CANNOT_LISTEN = 3;

    private static java.net.BindException bindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException b) {
                return b;
            }
        }
        return null;
    }
}
