package a1.peer.relay;

import a1.spec.wire.Handshake;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the peer certificates whose Ed25519 key hashes to the expected peer id, or, with no expected id
 * (an acceptor, or a dialer that knows only an address), any certificate that carries an Ed25519 key: the id is
 * then learnt from it. No authority, name or date is involved; TLS itself proves the remote holds the key.
 */
final class PeerTrust extends X509ExtendedTrustManager {
    private final String expectedPeerId;

    /** @param expectedPeerId hex peer id, or null to accept any Ed25519 peer key */
    PeerTrust(String expectedPeerId) {
        this.expectedPeerId = expectedPeerId;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length != 1) throw new CertificateException("a peer presents exactly one self-signed certificate, got " + (chain == null ? 0 : chain.length));
        String id = HexFormat.of().formatHex(Handshake.peerId(PeerCertificate.ed25519Key(chain[0])));
        if (expectedPeerId != null && !expectedPeerId.equals(id)) {
            throw new CertificateException("the certificate's key is peer " + id.substring(0, 8) + ", expected " + expectedPeerId.substring(0, Math.min(8, expectedPeerId.length()))
                    + " (a man in the middle, or another peer at that address)");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
