package curio.testkit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * The wall between the async and the sync worlds, shared by every module's ArchitectureTest
 * (published as curio.api's test jar): which JDK calls block a thread, and how to import a module.
 */
public final class Wall {

    private Wall() {}

    /* The blocking JDK APIs of ARCHITECTURE.md, by owner type and method names. A call counts when
     * its target's owner is assignable to the type (so subclasses and implementations are caught). */
    private static final Map<Class<?>, Set<String>> BLOCKING = Map.ofEntries(
            Map.entry(Thread.class, Set.of("sleep", "join")),
            Map.entry(Object.class, Set.of("wait")),
            Map.entry(LockSupport.class, Set.of("park", "parkNanos", "parkUntil")),
            Map.entry(Lock.class, Set.of("lock", "lockInterruptibly")),
            Map.entry(Condition.class, Set.of("await", "awaitNanos", "awaitUninterruptibly", "awaitUntil")),
            Map.entry(BlockingQueue.class, Set.of("put", "take")),
            Map.entry(Future.class, Set.of("get", "join")),
            Map.entry(CountDownLatch.class, Set.of("await")),
            Map.entry(CyclicBarrier.class, Set.of("await")),
            Map.entry(Semaphore.class, Set.of("acquire", "acquireUninterruptibly")),
            Map.entry(Process.class, Set.of("waitFor")),
            Map.entry(java.net.Socket.class, Set.of("connect", "getInputStream", "getOutputStream")),
            Map.entry(java.net.ServerSocket.class, Set.of("accept")),
            Map.entry(InputStream.class, Set.of("read", "readAllBytes", "readNBytes", "transferTo")),
            Map.entry(Reader.class, Set.of("read")),
            Map.entry(OutputStream.class, Set.of("write", "flush")),
            Map.entry(Selector.class, Set.of("select")));

    /** Calls that block the calling thread: forbidden in task code. */
    public static final DescribedPredicate<JavaCall<?>> BLOCKING_JDK_CALL =
            DescribedPredicate.describe("a blocking JDK API (Thread.sleep, LockSupport.park, Future.get, ...)",
                    Wall::blocks);

    private static boolean blocks(JavaCall<?> call) {
        JavaClass owner = call.getTarget().getOwner();
        String name = call.getTarget().getName();
        for (Map.Entry<Class<?>, Set<String>> e : BLOCKING.entrySet()) {
            if (e.getValue().contains(name) && owner.isAssignableTo(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Imports the production classes of modules, by their folder names, from their build output.
     * Tests run with the module's folder as working directory, so siblings are one level up.
     */
    public static JavaClasses importModules(String... modules) {
        Path root = Files.isDirectory(Path.of("curio.api")) ? Path.of(".") : Path.of("..");
        Path[] dirs = Arrays.stream(modules).map(m -> root.resolve(m).resolve("target/classes")).toArray(Path[]::new);
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IllegalStateException("no compiled classes at " + d.toAbsolutePath());
            }
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(dirs);
    }
}
