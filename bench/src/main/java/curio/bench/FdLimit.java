package curio.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Raises this process's limit on open files ({@code RLIMIT_NOFILE}) for benchmarks with thousands of
 * connections: 10,000 connections with both ends in one JVM need 20,000 descriptors and more, beyond the
 * usual default. The soft limit can go up to the hard one; raising the hard one takes privilege
 * ({@code CAP_SYS_RESOURCE}, e.g. root).
 */
public final class FdLimit {

    private static final int RLIMIT_NOFILE = 7; // Linux, every architecture the epoll backend supports

    private FdLimit() {}

    /**
     * Makes sure at least {@code wanted} descriptors can be open at once.
     *
     * @param wanted how many descriptors the benchmark needs
     * @return the limit now in force
     * @throws IllegalStateException naming the current limit and why it could not be raised
     */
    public static long ensure(long wanted) {
        long now = raise(wanted);
        if (now < wanted) {
            throw new IllegalStateException("need " + wanted + " open files, the limit is " + now + " and raising the "
                    + "hard limit needs privilege (CAP_SYS_RESOURCE): raise it with `ulimit -Hn " + wanted + "` first");
        }
        return now;
    }

    /**
     * Raises the limit toward {@code wanted}, as far as this process may: to {@code wanted}, or to the
     * hard limit when raising that is not permitted.
     *
     * @param wanted how many descriptors the benchmark would like
     * @return the limit now in force, which may be less than {@code wanted}
     */
    public static long raise(long wanted) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Long.MAX_VALUE; // the benchmark will fail with "too many open files" if it must
        }
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor desc = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
        MethodHandle get = linker.downcallHandle(linker.defaultLookup().find("getrlimit").orElseThrow(), desc);
        MethodHandle set = linker.downcallHandle(linker.defaultLookup().find("setrlimit").orElseThrow(), desc);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocate(16, 8); // struct rlimit { rlim_t cur, max; }
            if ((int) get.invokeExact(RLIMIT_NOFILE, limit) != 0) {
                throw new IllegalStateException("getrlimit(RLIMIT_NOFILE) failed");
            }
            long cur = limit.get(ValueLayout.JAVA_LONG, 0);
            long max = limit.get(ValueLayout.JAVA_LONG, 8);
            if (cur >= wanted) {
                return cur;
            }
            limit.set(ValueLayout.JAVA_LONG, 0, wanted);
            limit.set(ValueLayout.JAVA_LONG, 8, Math.max(max, wanted));
            if ((int) set.invokeExact(RLIMIT_NOFILE, limit) == 0) {
                return wanted;
            }
            long soft = Math.min(wanted, max); // not privileged: up to the hard limit
            limit.set(ValueLayout.JAVA_LONG, 0, soft);
            limit.set(ValueLayout.JAVA_LONG, 8, max);
            return (int) set.invokeExact(RLIMIT_NOFILE, limit) == 0 ? soft : cur;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setrlimit failed", t);
        }
    }
}
