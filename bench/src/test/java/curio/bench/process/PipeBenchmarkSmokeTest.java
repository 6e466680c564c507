package curio.bench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Runs the pipe benchmark's readers on 1 MiB, so that none rots; it checks the bytes counted, never speed. */
class PipeBenchmarkSmokeTest {

    @Test
    void everyReaderCountsEveryByte() throws Exception {
        long bytes = 1 << 20;
        assertEquals(bytes, (long) PipeBenchmark.curio(bytes, "continuation")[0]);
        assertEquals(bytes, (long) PipeBenchmark.curio(bytes, "virtual")[0]);
        assertEquals(bytes, (long) PipeBenchmark.jdk(bytes)[0]);
    }
}
