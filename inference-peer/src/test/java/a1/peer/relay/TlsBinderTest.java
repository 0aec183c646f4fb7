package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A failed TLS handshake is logged with a reason a reader can act on, never "null". */
class TlsBinderTest {
    @Test
    void theReasonIsTheInnermostMessage() {
        SSLHandshakeException wrapped = new SSLHandshakeException("handshake failed");
        wrapped.initCause(new java.security.cert.CertificateException("certificate is not the pinned peer's key"));
        assertEquals("certificate is not the pinned peer's key", TlsBinder.reason(wrapped));
    }

    @Test
    void aConnectionClosedMidHandshakeSaysSo() {
        SSLHandshakeException e = new SSLHandshakeException("handshake failed");
        e.initCause(new ClosedChannelException());
        assertEquals("connection closed during the handshake", TlsBinder.reason(e));
    }

    @Test
    void anExceptionWithoutMessageGivesItsType() {
        assertEquals("IllegalStateException", TlsBinder.reason(new IllegalStateException()));
    }
}
