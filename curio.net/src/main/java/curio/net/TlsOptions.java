package curio.net;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a TLS connection is made: for clients, which certificates to trust, whether to check the host
 * name (on by default) and which ALPN protocols to offer; for servers, the key material.
 * <pre>{@code
 * SocketStream s = Net.openConnection("example.org", 443, TlsOptions.client());
 * Net.tcpServer("0.0.0.0", 8443, handler, TlsOptions.server(keyStore, password));
 * }</pre>
 * Immutable; the {@code with...} methods return copies.
 */
public final class TlsOptions {

    private final boolean client;
    private final SSLContext context;
    private final boolean verifyHostname;
    private final List<String> alpn;
    private final String serverName;

    private TlsOptions(boolean client, SSLContext context, boolean verifyHostname, List<String> alpn,
                       String serverName) {
        this.client = client;
        this.context = context;
        this.verifyHostname = verifyHostname;
        this.alpn = alpn;
        this.serverName = serverName;
    }

    /**
     * Client options trusting the JDK's default certificate authorities, with host name verification.
     *
     * @return the options
     */
    public static TlsOptions client() {
        try {
            return new TlsOptions(true, SSLContext.getDefault(), true, List.of(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /**
     * Client options trusting the certificates of {@code trustStore} (and no others).
     *
     * @param trustStore the certificates to trust
     * @return the options
     */
    public static TlsOptions client(KeyStore trustStore) {
        Objects.requireNonNull(trustStore, "trustStore");
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return new TlsOptions(true, ctx, true, List.of(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Client or server options over a ready {@link SSLContext}.
     *
     * @param context the SSL context
     * @param client the client socket
     * @return the options
     */
    public static TlsOptions of(SSLContext context, boolean client) {
        return new TlsOptions(client, Objects.requireNonNull(context, "context"), client, List.of(), null);
    }

    /**
     * Server options presenting the key and certificate chain in {@code keyStore}.
     *
     * @param keyStore the key store holding the certificate and key
     * @param password the key store's password
     * @return the options
     */
    public static TlsOptions server(KeyStore keyStore, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new TlsOptions(false, ctx, false, List.of(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable key store: " + e.getMessage(), e);
        }
    }

    /**
     * Returns a copy with host name verification on or off (clients only; on by default).
     *
     * @param on whether to verify that the certificate names the host
     * @return a copy with host name verification on or off (clients only; on by default)
     */
    public TlsOptions withHostnameVerification(boolean on) {
        return new TlsOptions(client, context, on, alpn, serverName);
    }

    /**
     * Returns a copy offering (client) or accepting (server) these ALPN protocols, in preference order.
     *
     * @param protocols the protocol names, most preferred first
     * @return a copy offering (client) or accepting (server) these ALPN protocols, in preference order
     */
    public TlsOptions withAlpn(String... protocols) {
        return new TlsOptions(client, context, verifyHostname, List.copyOf(Arrays.asList(protocols)), serverName);
    }

    /**
     * Returns a copy that sends and verifies {@code name} instead of the host connected to (clients).
     *
     * @param name the name
     * @return a new options object; this one is unchanged
     */
    public TlsOptions withServerName(String name) {
        return new TlsOptions(client, context, verifyHostname, alpn, Objects.requireNonNull(name, "name"));
    }

    /**
     * Returns true for client options.
     *
     * @return true for client options
     */
    public boolean isClient() {
        return client;
    }

    // Longer than TLS 1.3's seven-day ticket lifetime: the JDK then issues no session tickets (RFC 8446 4.6.1).
    private static final int NO_TICKETS_SECONDS = 7 * 24 * 3600 + 1;

    /**
     * Creates the engine for one connection.
     * <p>In a kernel whose runs must replay from a seed (one that refuses thread waits: a simulation), a server
     * issues no session tickets: the JDK makes them from state the seed does not reach, so a ticket would make
     * two runs of one seed differ. Its session context's timeout is raised past a ticket's lifetime, which is
     * how the JDK is told; resumption is therefore not simulated.
     */
    SSLEngine engine(String host, int port) {
        if (!client && !curio.api.trap.Traps.capability("TLS", curio.api.spi.ThreadWaits.class).allowed()) {
            javax.net.ssl.SSLSessionContext sessions = context.getServerSessionContext();
            if (sessions.getSessionTimeout() < NO_TICKETS_SECONDS) { // 0, no limit, issues tickets too
                sessions.setSessionTimeout(NO_TICKETS_SECONDS);
            }
        }
        String peer = serverName != null ? serverName : host;
        SSLEngine engine = client && peer != null ? context.createSSLEngine(peer, port) : context.createSSLEngine();
        engine.setUseClientMode(client);
        SSLParameters params = engine.getSSLParameters();
        if (client && verifyHostname) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!alpn.isEmpty()) {
            params.setApplicationProtocols(alpn.toArray(String[]::new));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    @Override
    public String toString() {
        return "TlsOptions[" + (client ? "client" : "server") + (client ? ", verifyHostname=" + verifyHostname : "")
                + (alpn.isEmpty() ? "" : ", alpn=" + alpn) + "]";
    }
}
