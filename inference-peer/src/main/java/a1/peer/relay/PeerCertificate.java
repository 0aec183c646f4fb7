package a1.peer.relay;

import java.math.BigInteger;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed X.509 certificate that carries a peer's Ed25519 identity key into TLS (SPEC.md 10.3). Only its
 * key matters: names and dates are informative and nobody checks them, since the peer id is the key's hash and TLS
 * proves possession of the key in CertificateVerify.
 */
final class PeerCertificate {
    private static final String ALIAS = "a1-peer";
    /** DER of SubjectPublicKeyInfo for Ed25519 (RFC 8410) up to the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final X509Certificate certificate;
    private final PrivateKey key;

    private PeerCertificate(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    static PeerCertificate create(PeerIdentity self, PrivateKey key) {
        X500Name name = new X500Name("CN=a1 peer " + self.hexId());
        Instant now = Instant.now();
        SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), self.publicKey());
        try {
            var holder = new X509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), name, spki).build(new JcaContentSignerBuilder("Ed25519").build(key));
            return new PeerCertificate(new JcaX509CertificateConverter().getCertificate(holder), key);
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot make the TLS certificate of " + self + ": " + e.getMessage(), e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The raw 32-byte Ed25519 public key of {@code c}; a certificate with any other kind of key is refused. */
    static byte[] ed25519Key(Certificate c) throws CertificateException {
        byte[] spki = c.getPublicKey().getEncoded();
        if (spki == null || spki.length != ED25519_SPKI_PREFIX.length + 32 || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
            throw new CertificateException("the certificate's key is " + c.getPublicKey().getAlgorithm() + ", not an Ed25519 peer key");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    /** Offers this certificate, and nothing else, whenever TLS asks for a key of its type (EdDSA). */
    X509ExtendedKeyManager keyManager() {
        return new X509ExtendedKeyManager() {
            private String alias(String... keyTypes) {
                for (String t : keyTypes) if (t.equals(key.getAlgorithm())) return ALIAS;
                return null;
            }

            @Override
            public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
                return alias(keyTypes);
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return alias(keyType);
            }

            @Override
            public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
                return alias(keyTypes);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return alias(keyType);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return alias(keyType) == null ? null : new String[] {ALIAS};
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return getClientAliases(keyType, issuers);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return ALIAS.equals(alias) ? key : null;
            }
        };
    }
}
