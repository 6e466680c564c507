/**
 * Subprocesses for curio tasks: {@link curio.process.Subprocess} with async pipe streams, and
 * {@link curio.process.Workers} for work in worker JVMs.
 */
module curio.process {
    requires transitive curio.net;
    requires curio.sync;

    exports curio.process;
}
