package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Issue 24 item 16: the start-up hint names the flag that works where the kernel was loaded. */
class CarriersTest {

    @Test
    void theExportNamesTheModuleOrTheClassPath() {
        assertEquals("--add-exports java.base/jdk.internal.vm=curio.kernel", Carriers.flag(Carriers.class.getModule()));
        Module classPath = ClassLoader.getSystemClassLoader().getUnnamedModule();
        assertEquals("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED", Carriers.flag(classPath));
    }
}
