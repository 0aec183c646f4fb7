package a1.peer.relay;

import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 for relay and gossip connections (SPEC.md 10.3): the JDK provider, both sides present their
 * {@link PeerCertificate}, and {@link PeerTrust} decides whom to accept. A dialer gets a context of its own per
 * connection, which pins the peer id it expects and keeps no session to resume (every connection makes a full
 * handshake, so every connection proves the keys).
 */
final class Tls {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /** AES-128-GCM first: the cheapest per byte on CPUs with AES instructions, and activations are most of the bytes. */
    private static final String[] SUITES = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tls() {}

    /** A context that presents {@code self} and accepts {@code expectedPeerId} only (any Ed25519 peer when null). */
    static SSLContext context(PeerIdentity self, String expectedPeerId) {
        try {
            SSLContext c = SSLContext.getInstance("TLSv1.3");
            c.init(new KeyManager[] {self.certificate().keyManager()}, new TrustManager[] {new PeerTrust(expectedPeerId)}, RANDOM);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make a TLS 1.3 context: " + e.getMessage(), e);
        }
    }

    /**
     * The dialer's end of one connection, layered over the connected {@code tcp} socket (closing it closes both).
     * The host given to JSSE is the address literal, so no name is looked up and no SNI sent.
     */
    static SSLSocket dialer(Socket tcp, PeerIdentity self, String expectedPeerId) throws IOException {
        SSLSocket s = (SSLSocket) context(self, expectedPeerId).getSocketFactory().createSocket(tcp, tcp.getInetAddress().getHostAddress(), tcp.getPort(), true);
        s.setUseClientMode(true);
        s.setEnabledProtocols(PROTOCOLS);
        s.setEnabledCipherSuites(SUITES);
        return s;
    }

    /** The acceptor's end of one connection, from the server's one context (any peer; the client must authenticate). */
    static SslHandler acceptor(SSLContext server, long timeoutMillis) {
        SSLEngine e = server.createSSLEngine();
        e.setUseClientMode(false);
        e.setNeedClientAuth(true);
        SSLParameters p = e.getSSLParameters();
        p.setUseCipherSuitesOrder(true);
        e.setSSLParameters(p);
        return handler(e, timeoutMillis);
    }

    static SslHandler handler(SSLEngine e, long timeoutMillis) {
        e.setEnabledProtocols(PROTOCOLS);
        e.setEnabledCipherSuites(SUITES);
        SslHandler h = new SslHandler(e);
        h.setHandshakeTimeoutMillis(timeoutMillis);
        return h;
    }
}
