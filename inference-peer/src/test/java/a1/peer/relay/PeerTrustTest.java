package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** A peer certificate carries the identity key; trust is exactly "this key's id", or any Ed25519 key when none is expected. */
class PeerTrustTest {
    private final PeerIdentity peer = PeerIdentity.generate();
    private final X509Certificate cert = peer.certificate().certificate();

    @Test
    void theCertificateCarriesTheIdentityKeyAndVerifiesWithIt() throws Exception {
        assertArrayEquals(peer.publicKey(), PeerCertificate.ed25519Key(cert));
        assertDoesNotThrow(() -> cert.verify(cert.getPublicKey()));
    }

    @Test
    void theExpectedIdIsTrustedAndNoOtherIs() {
        assertDoesNotThrow(() -> new PeerTrust(peer.hexId()).checkServerTrusted(new X509Certificate[] {cert}, "EdDSA"));
        assertDoesNotThrow(() -> new PeerTrust(null).checkClientTrusted(new X509Certificate[] {cert}, "EdDSA"));
        String other = PeerIdentity.generate().hexId();
        CertificateException e = assertThrows(CertificateException.class, () -> new PeerTrust(other).checkServerTrusted(new X509Certificate[] {cert}, "EdDSA"));
        assertTrue(e.getMessage().contains("expected " + other.substring(0, 8)), e.getMessage());
    }

    @Test
    void chainsOfOtherLengthsAreRefused() {
        X509Certificate other = PeerIdentity.generate().certificate().certificate();
        assertThrows(CertificateException.class, () -> new PeerTrust(null).checkClientTrusted(new X509Certificate[] {cert, other}, "EdDSA"));
        assertThrows(CertificateException.class, () -> new PeerTrust(null).checkClientTrusted(new X509Certificate[0], "EdDSA"));
    }

    @Test
    void aCertificateWithAnotherKindOfKeyIsRefused() throws Exception {
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name name = new X500Name("CN=not a peer");
        X509Certificate ecCert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                new Date(), new Date(System.currentTimeMillis() + 86_400_000L), name, ec.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(ec.getPrivate())));
        CertificateException e = assertThrows(CertificateException.class, () -> new PeerTrust(null).checkClientTrusted(new X509Certificate[] {ecCert}, "EC"));
        assertTrue(e.getMessage().contains("not an Ed25519 peer key"), e.getMessage());
    }
}
