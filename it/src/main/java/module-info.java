/**
 * Runnable examples and integration tests over the assembled curio-java modules.
 * Like a user's program, it requires only curio.api and curio.sync; the kernel and selectors come from
 * the module path.
 */
module curio.it {
    requires curio.api;
    requires curio.sync;

    exports curio.it.examples;
}
