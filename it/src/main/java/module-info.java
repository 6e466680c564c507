/**
 * Runnable examples and integration tests over the assembled curio-java modules.
 * Like a user's program, it requires only the library modules (curio.api, curio.sync, curio.net); the kernel and selectors come from
 * the module path.
 */
module curio.it {
    requires curio.api;
    requires curio.sync;
    requires curio.net;
    requires curio.process;

    exports curio.it.examples;
}
