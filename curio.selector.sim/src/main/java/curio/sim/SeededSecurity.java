package curio.sim;

import curio.api.spi.Randomness;
import curio.api.trap.Traps;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomness that TLS draws where curio cannot hand it a generator, taken from the seed inside a simulated kernel
 * (issue 26 item 1). A JSSE handshake draws from its context's {@code SecureRandom} (hello randoms, key shares,
 * session ids) and, for an ECDSA or RSA-PSS signature, from the JVM-wide default one that
 * {@code SSLContext.init} never reaches. This provider, put first when a simulated network is first made,
 * offers the default {@code SecureRandom} and those signatures; each asks, when it draws, whether the calling
 * thread runs a task of a simulated kernel, and if so draws from that network's seeded stream, else from the
 * JDK's own generator. So a simulated run is a function of its seed with RSA, RSA-PSS, EC and Ed25519 keys
 * alike, several simulations side by side each draw from their own seed, and TLS outside a simulation is the
 * JDK's, unchanged.
 * <p>It applies to generators and signers made after the first {@link SimNetwork}: a test should make its
 * {@code TlsOptions} inside the simulation (a context made before has the JDK's generator).
 */
final class SeededSecurity {

    private static final String NAME = "CurioSimulation";
    private static boolean installed;

    private SeededSecurity() {}

    /** Puts the provider first, once per JVM. */
    static synchronized void install() {
        if (!installed) {
            installed = true;
            Security.insertProviderAt(new SimProvider(), 1);
        }
    }

    /** The seeded generator of the simulated kernel the calling thread runs a task of, or null. */
    static SecureRandom current() {
        if (!Traps.inTask()) {
            return null;
        }
        return Traps.capability("SecureRandom", Randomness.class) instanceof SimSelector.SeededRandomness r ? r.secure() : null;
    }

    /** A {@code SecureRandom} drawn from a seed: the network's stream for TLS. */
    static SecureRandom seeded(long seed) {
        return new Seeded(seed);
    }

    private static final class Seeded extends SecureRandom {
        private static final long serialVersionUID = 1L;

        Seeded(long seed) {
            super(new SeededSpi(seed), null);
        }
    }

    private static final class SeededSpi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final SplittableRandom stream;

        SeededSpi(long seed) {
            stream = new SplittableRandom(seed);
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            // a run is a function of the network's seed alone
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            stream.nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int n) {
            byte[] b = new byte[n];
            stream.nextBytes(b);
            return b;
        }
    }

    /** The default {@code SecureRandom}: the simulation's seeded one in a simulated task, the JDK's elsewhere. */
    public static final class DispatchingSpi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;
        private final SecureRandom real;

        /** Made by the provider. */
        public DispatchingSpi() {
            try {
                real = SecureRandom.getInstance("DRBG", "SUN"); // the JDK's default, by name: never this provider
            } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
                throw new IllegalStateException("the JDK's DRBG is missing", e);
            }
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            real.setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            SecureRandom seeded = current();
            (seeded != null ? seeded : real).nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int n) {
            SecureRandom seeded = current();
            return (seeded != null ? seeded : real).generateSeed(n);
        }
    }

    /** A signature whose randomness (ECDSA's k, RSA-PSS's salt) is the seeded one in a simulated task. */
    static final class SeededSignature extends SignatureSpi {
        private final Signature real;

        SeededSignature(String algorithm, String provider) throws NoSuchAlgorithmException {
            try {
                real = Signature.getInstance(algorithm, provider);
            } catch (NoSuchProviderException e) {
                throw new NoSuchAlgorithmException(algorithm + ": the JDK's provider " + provider + " is missing", e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            real.initVerify(key);
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            SecureRandom seeded = current();
            if (seeded != null) {
                real.initSign(key, seeded);
            } else {
                real.initSign(key);
            }
        }

        @Override
        protected void engineInitSign(PrivateKey key, SecureRandom random) throws InvalidKeyException {
            SecureRandom seeded = current();
            real.initSign(key, seeded != null ? seeded : random);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            real.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            real.update(b, off, len);
        }

        @Override
        protected void engineUpdate(ByteBuffer input) {
            try {
                real.update(input);
            } catch (SignatureException e) {
                throw new IllegalStateException(e); // only when not initialized, which the caller checked
            }
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return real.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            return real.verify(signature);
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            real.setParameter(params);
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return real.getParameters();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException("deprecated: use setParameter(AlgorithmParameterSpec)");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException("deprecated: use getParameters()");
        }
    }

    /** The provider: the default SecureRandom and the randomized signatures, each made without reflection. */
    private static final class SimProvider extends Provider {
        private static final long serialVersionUID = 1L;

        // The signatures that draw randomness, and the JDK provider that does the work.
        private static final Map<String, String> SIGNATURES = Map.of(
                "SHA256withECDSA", "SunEC", "SHA384withECDSA", "SunEC", "SHA512withECDSA", "SunEC",
                "SHA224withECDSA", "SunEC", "RSASSA-PSS", "SunRsaSign");

        SimProvider() {
            super(NAME, "1.0", "curio.sim: seeded randomness for simulated kernels, the JDK's elsewhere");
            putService(new Service(this, "SecureRandom", "CurioSeeded", DispatchingSpi.class.getName(), List.of(),
                    Map.of("ThreadSafe", "true")) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new DispatchingSpi();
                }
            });
            for (Map.Entry<String, String> e : SIGNATURES.entrySet()) {
                putService(new Service(this, "Signature", e.getKey(), SeededSignature.class.getName(), List.of(),
                        Map.of()) {
                    @Override
                    public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                        return new SeededSignature(e.getKey(), e.getValue());
                    }

                    @Override
                    public boolean supportsParameter(Object key) {
                        return true; // the JDK's signer checks the key at init
                    }
                });
            }
        }
    }
}
