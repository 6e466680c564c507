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
        Path p12 = dir.resolve(commonName + ".p12");
        Path pem = dir.resolve(commonName + ".pem");
        char[] password = "changeit".toCharArray();
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        StringBuilder san = new StringBuilder("SAN=dns:").append(commonName);
        for (String n : moreNames) {
            san.append(',').append(n);
        }
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + commonName, "-ext", san.toString(), "-validity", "2",
                "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", new String(password));
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
