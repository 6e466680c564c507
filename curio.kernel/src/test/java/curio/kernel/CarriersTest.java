package curio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Issue 24 item 16: the start-up hint names the flag that works where the kernel was loaded. */
class CarriersTest {

    @Test
    void theExportNamesTheModuleOrTheClassPath() {
        assertEquals("--add-exports java.base/jdk.internal.vm=curio.kernel --add-opens java.base/java.lang=curio.kernel",
                Carriers.flags(Carriers.class.getModule()));
        Module classPath = ClassLoader.getSystemClassLoader().getUnnamedModule();
        assertEquals("--add-exports java.base/jdk.internal.vm=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED",
                Carriers.flags(classPath));
        assertEquals("", Carriers.missing(), "this build's tests carry both flags");
    }
}
