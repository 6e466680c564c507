package curio.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for TLS tests, made with the JDK's {@code keytool}: the server's
 * key store and a trust store that trusts it alone.
 * <pre>{@code
 * @TempDir static Path dir;
 * static SelfSigned cert = SelfSigned.create(dir, "localhost", "ip:127.0.0.1");
 * TlsOptions.server(cert.keys(), cert.password());  TlsOptions.client(cert.trust());
 * }</pre>
 *
 * @param keys the server's key store (PKCS12, alias {@code server})
 * @param trust a key store trusting the certificate alone
 * @param password the key store's password
 * @param keysFile the PKCS12 file
 * @param certFile the certificate, PEM
 */
public record SelfSigned(KeyStore keys, KeyStore trust, char[] password, Path keysFile, Path certFile) {

    /**
     * Makes the certificate in {@code dir}, valid for two days, for the given names.
     *
     * @param dir where the files go
     * @param commonName the subject's CN, also its first DNS name
     * @param moreNames more subject alternative names, as keytool writes them ({@code "ip:127.0.0.1"})
     * @return the stores
     * @throws IOException if keytool fails
     * @throws GeneralSecurityException if the stores cannot be read back
     */
    public static SelfSigned create(Path dir, String commonName, String... moreNames) throws IOException,
            GeneralSecurityException {
        return create(dir, Key.EC_P256, commonName, moreNames);
    }

    /** The kinds of key a certificate can have, as keytool makes them. */
    public enum Key {
        /** An EC key on P-256 (secp256r1): ECDSA signatures, which draw randomness. */
        EC_P256("EC", "-groupname", "secp256r1"),
        /** An EC key on P-384 (secp384r1). */
        EC_P384("EC", "-groupname", "secp384r1"),
        /** A 2048-bit RSA key (PKCS#1 v1.5 or PSS signatures, as the handshake agrees). */
        RSA("RSA", "-keysize", "2048"),
        /** An RSASSA-PSS key: PSS signatures only, each with a random salt. */
        RSA_PSS("RSASSA-PSS", "-keysize", "2048"),
        /** An Ed25519 key: deterministic signatures. */
        ED25519("Ed25519");

        private final List<String> args;

        Key(String algorithm, String... more) {
            List<String> a = new ArrayList<>(List.of("-keyalg", algorithm));
            a.addAll(List.of(more));
            this.args = List.copyOf(a);
        }
    }

    /**
     * Makes a certificate with a key of the given kind in {@code dir}, valid for two days, for the given names.
     *
     * @param dir where the files go
     * @param key the kind of key
     * @param commonName the subject's CN, also its first DNS name
     * @param moreNames more subject alternative names, as keytool writes them ({@code "ip:127.0.0.1"})
     * @return the stores
     * @throws IOException if keytool fails
     * @throws GeneralSecurityException if the stores cannot be read back
     */
    public static SelfSigned create(Path dir, Key key, String commonName, String... moreNames) throws IOException,
            GeneralSecurityException {
        String file = commonName + "-" + key.name().toLowerCase(java.util.Locale.ROOT);
        Path p12 = dir.resolve(file + ".p12");
        Path pem = dir.resolve(file + ".pem");
        char[] password = "changeit".toCharArray();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        StringBuilder san = new StringBuilder("SAN=dns:").append(commonName);
        for (String n : moreNames) {
            san.append(',').append(n);
        }
        List<String> genkey = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "server"));
        genkey.addAll(key.args);
        genkey.addAll(List.of("-dname", "CN=" + commonName, "-ext", san.toString(), "-validity", "2",
                "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", new String(password)));
        run(genkey.toArray(String[]::new));
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", p12.toString(),
                "-storepass", new String(password), "-file", pem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keys.load(in, password);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return new SelfSigned(keys, trust, password, p12, pem);
    }

    private static void run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", new ArrayList<>(List.of(cmd))) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for keytool", e);
        }
    }
}
