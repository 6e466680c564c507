/** An echo service written against curio-java's public modules, as a user's module would be. */
module com.example.echo {
    requires curio.api;
    requires curio.net;

    exports com.example.echo;
}
