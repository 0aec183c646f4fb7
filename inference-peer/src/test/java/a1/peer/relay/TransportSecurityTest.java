package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.node.PeerNode;
import a1.peer.routing.PeerConnector;
import a1.peer.routing.PeerInfo;
import a1.spec.wire.Activations;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.Message;
import a1.spec.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Relay connections are TLS bound to the peers' Ed25519 identities: an observer of the TCP bytes learns nothing of
 * the activations or the model, and a man in the middle with his own key is refused, whether or not the dialer knew
 * the id to expect.
 */
class TransportSecurityTest {

    @Test
    void aPassiveObserverNeverSeesTheActivationsOrTheModelId() throws Exception {
        try (PeerNode peer = LoopbackPeer.start(); RecordingProxy wire = new RecordingProxy(peer.address());
             PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000)) {
            String modelId = PeerNode.localModelId(LoopbackPeer.MODEL);
            int dim = peer.config().dim();
            float[] x = new float[dim];
            for (int i = 0; i < dim; i++) x[i] = 0.25f + i / 1024f; // distinct values, so a 16-byte run identifies them
            Message.Forward forward = new Message.Forward(1, 0, new Activations(Encoding.F32, 1, dim, x));

            PeerConnection conn = c.connect(new PeerInfo(peer.identity().hexId(), wire.address(), peer.range(), 0, 0));
            assertEquals(new Message.Opened(1), conn.call(new Message.Open(1, modelId, peer.range(), 8, Encoding.F32, CacheType.F32)));
            Message.Result result = assertInstanceOf(Message.Result.class, conn.call(forward));

            byte[] seen = wire.seen();
            byte[] sentActivations = Arrays.copyOfRange(WireCodec.encode(forward), 32, 48);
            byte[] returnedActivations = Arrays.copyOfRange(WireCodec.encode(result), 32, 48);
            byte[] model = modelId.getBytes(StandardCharsets.UTF_8);
            assertTrue(seen.length > 2 * dim * Float.BYTES, "the traffic went through the observer (" + seen.length + " bytes)");
            assertTrue(contains(WireCodec.encode(forward), sentActivations), "the needle is in the plaintext frame");
            assertFalse(contains(seen, sentActivations), "the observer saw the activations sent");
            assertFalse(contains(seen, returnedActivations), "the observer saw the activations returned");
            assertFalse(contains(seen, Arrays.copyOf(model, 16)), "the observer saw the model id");
            assertFalse(contains(seen, peer.identity().publicKey()), "the observer saw the peer's key (TLS 1.3 encrypts certificates)");
        }
    }

    @Test
    void aManInTheMiddleIsRefusedByADialerThatKnowsThePeerId() throws Exception {
        try (PeerNode peer = LoopbackPeer.start(); TlsMitm mitm = new TlsMitm(PeerIdentity.generate(), peer.address());
             PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000)) {
            String real = peer.identity().hexId();
            RelayException e = assertThrows(RelayException.class, () -> c.connect(new PeerInfo(real, mitm.address(), peer.range(), 0, 0)));
            assertTrue(e.getMessage().contains("expected " + real.substring(0, 8)) && e.getMessage().contains("man in the middle"), e.getMessage());
        }
    }

    @Test
    void aManInTheMiddleIsRefusedByADialerThatKnowsOnlyTheAddress() throws Exception {
        try (PeerNode peer = LoopbackPeer.start(); TlsMitm mitm = new TlsMitm(PeerIdentity.generate(), peer.address());
             PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000)) {
            // A bootstrap address: TLS accepts the man's certificate, but the HELLO he forwards carries the real
            // peer's key, and he cannot sign the real peer's proof for his own TLS connection.
            RelayException e = assertThrows(RelayException.class, () -> c.once(mitm.address(), null, new Message.Gossip(java.util.List.of())));
            assertTrue(e.getMessage().contains("not the key of its TLS certificate"), e.getMessage());
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
