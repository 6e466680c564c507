/**
 * JUnit Jupiter support for code written with curio-java: {@link curio.test.CurioTest} runs a test
 * method as the main task of a fresh kernel, {@link curio.test.EachCarrier} and
 * {@link curio.test.EachBackend} run a test per carrier and per selector backend,
 * {@link curio.test.SelectorContract} is the contract a selector backend passes.
 * <p>Add it as a test dependency; it brings JUnit Jupiter's API with it. The kernel and a selector
 * backend must be on the test's module path too (test scope), as for any curio program.
 */
module curio.test {
    requires transitive curio.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive java.logging;

    exports curio.test;
    opens curio.test to org.junit.platform.commons; // the contract's lifecycle methods

    // found by JUnit's extension auto-detection: curio's logs stay out of passing tests
    provides org.junit.jupiter.api.extension.Extension with curio.test.CapturedLogs;
}
