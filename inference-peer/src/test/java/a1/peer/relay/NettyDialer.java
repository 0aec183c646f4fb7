package a1.peer.relay;

import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;

/** The dialing TLS end for test clients built on Netty (floods, a man in the middle); A1's own dialer is blocking. */
final class NettyDialer {
    private NettyDialer() {}

    /** TLS as {@link PeerConnection} dials it: A1's context and settings, accepting any Ed25519 peer. */
    static SslHandler tls(PeerIdentity self, long timeoutMillis) {
        SSLEngine e = Tls.context(self, null).createSSLEngine();
        e.setUseClientMode(true);
        return Tls.handler(e, timeoutMillis);
    }
}
