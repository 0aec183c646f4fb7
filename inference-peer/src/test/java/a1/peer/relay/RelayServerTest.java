package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.peer.node.PeerNode;
import a1.peer.routing.PeerConnector;
import a1.peer.routing.PeerInfo;
import a1.spec.model.LayerRange;
import a1.spec.wire.Activations;
import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;
import a1.spec.wire.ErrorCode;
import a1.spec.wire.Message;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A serving peer survives garbage and enforces its session limits, answering each refusal with its error code. */
class RelayServerTest {

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        try (PeerNode peer = LoopbackPeer.start(); PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000)) {
            try (Socket s = new Socket(peer.address().getAddress(), peer.address().getPort())) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write(new byte[] {0x7f, 0, 0, 0, 1, 2, 3, 4}); // a 2 GB length
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // the peer's Hello, then end of stream when it closes
                }
            }
            var conn = c.connect(info(peer));
            Message reply = conn.call(open(1, peer, 8));
            assertEquals(new Message.Opened(1), reply);
        }
    }

    @Test
    void forwardTimeCountsForwardRequestsWithinTheirRoundTrip() throws Exception {
        try (PeerNode peer = LoopbackPeer.start(); PeerConnector c = new PeerConnector(PeerIdentity.generate(), RelayConfig.defaults(), 5_000)) {
            var conn = c.connect(info(peer));
            assertInstanceOf(Message.Opened.class, conn.call(open(1, peer, 8)));
            assertEquals(0, peer.forwardNanos(), "opening a session is not a forward");
            long t0 = System.nanoTime();
            assertInstanceOf(Message.Result.class, conn.call(new Message.Forward(1, 0, new Activations(Encoding.F32, 2, 64, new float[128]))));
            long trip = System.nanoTime() - t0;
            long served = peer.forwardNanos();
            assertTrue(served > 0 && served < trip, "answering took " + served + " ns of a " + trip + " ns round trip");
        }
    }

    @Test
    void limitsAndBadRequestsAreRefusedWithTheirCodes() throws Exception {
        int kvDim;
        try (var gguf = a1.spec.gguf.GgufFile.open(LoopbackPeer.MODEL)) {
            kvDim = a1.peer.model.LlamaConfig.from(gguf.metadata()).kvDim();
        }
        // Budget for one 8-position session of all 5 layers: keys and values, 2 * 5 * 8 * kvDim floats.
        RelayConfig tight = new RelayConfig(1 << 20, 5_000, 2, 2L * 5 * 8 * kvDim * 4, Duration.ofMinutes(1));
        try (PeerNode peer = LoopbackPeer.start(tight, LayerRange.parse("0-4")); PeerConnector c = new PeerConnector(PeerIdentity.generate(), tight, 5_000)) {
            var conn = c.connect(info(peer));
            assertEquals(ErrorCode.WRONG_MODEL, error(conn.call(new Message.Open(1, "sha256:other", new LayerRange(0, 5), 8, Encoding.F32, CacheType.F16))));
            assertEquals(ErrorCode.RANGE_NOT_SERVED, error(conn.call(new Message.Open(1, PeerNode.localModelId(LoopbackPeer.MODEL), new LayerRange(3, 6), 8, Encoding.F32, CacheType.F16))));
            assertInstanceOf(Message.Opened.class, conn.call(open(1, peer, 8)));
            assertEquals(ErrorCode.BUSY, error(conn.call(open(2, peer, 8))), "over the KV budget");
            assertEquals(ErrorCode.BAD_POSITION, error(conn.call(new Message.Forward(1, 3, new Activations(Encoding.F32, 1, 64, new float[64])))));
            assertEquals(ErrorCode.BAD_REQUEST, error(conn.call(new Message.Forward(1, 0, new Activations(Encoding.F32, 1, 32, new float[32])))));
            assertEquals(ErrorCode.UNKNOWN_SESSION, error(conn.call(new Message.Forward(9, 0, new Activations(Encoding.F32, 1, 64, new float[64])))));
            assertInstanceOf(Message.Result.class, conn.call(new Message.Forward(1, 0, new Activations(Encoding.F32, 2, 64, new float[128]))));
            conn.send(new Message.Close(1));
            assertInstanceOf(Message.Opened.class, conn.call(open(2, peer, 8)), "closing freed the budget");
        }
    }

    @Test
    void idleSessionsExpire() {
        long[] now = {0};
        RelayConfig cfg = new RelayConfig(1 << 20, 5_000, 4, 1 << 20, Duration.ofSeconds(30));
        try (var gguf = a1.spec.gguf.GgufFile.open(LoopbackPeer.MODEL); var pool = new a1.kernels.Parallel(1)) {
            var config = a1.peer.model.LlamaConfig.from(gguf.metadata());
            var w = a1.peer.model.ModelWeights.load(gguf, config, new a1.peer.model.ModelWeights.Parts(LayerRange.parse("0-1"), false, false));
            SessionTable t = new SessionTable("m", w, pool, cfg, () -> now[0]);
            assertInstanceOf(Message.Opened.class, t.handle(new SessionOwner("a", "c"), new Message.Open(1, "m", LayerRange.parse("0-1"), 8, Encoding.F32, CacheType.F16)));
            assertTrue(t.kvBytes() > 0);
            now[0] = Duration.ofSeconds(31).toNanos();
            t.expireIdle();
            assertEquals(0, t.size());
            assertEquals(0, t.kvBytes());
            assertEquals(ErrorCode.UNKNOWN_SESSION, error(t.handle(new SessionOwner("a", "c"), new Message.Forward(1, 0, new Activations(Encoding.F32, 1, 64, new float[64])))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sessionLimitsCountEveryConnectionOfOnePeerIdentity() throws Exception {
        PeerLimits two = new PeerLimits(8, 2, 1L << 30, 1000, 1000, 10, 10, 64, 1L << 30);
        RelayConfig cfg = RelayConfig.defaults().withPerPeer(two);
        PeerIdentity greedy = PeerIdentity.generate();
        try (PeerNode peer = LoopbackPeer.start(cfg, LayerRange.parse("0-4"));
             PeerConnector a = new PeerConnector(greedy, cfg, 5_000); PeerConnector b = new PeerConnector(greedy, cfg, 5_000);
             PeerConnector other = new PeerConnector(PeerIdentity.generate(), cfg, 5_000)) {
            var first = a.connect(info(peer));
            var second = b.connect(info(peer));
            assertInstanceOf(Message.Opened.class, first.call(open(1, peer, 8)));
            assertInstanceOf(Message.Opened.class, second.call(open(1, peer, 8)));
            // The acceptor knows both connections are one peer from their certificates' keys.
            Message.Error e = assertInstanceOf(Message.Error.class, first.call(open(2, peer, 8)));
            assertEquals(ErrorCode.BUSY, e.kind());
            assertTrue(e.message().contains("per-peer limit"), e.message());
            assertInstanceOf(Message.Opened.class, other.connect(info(peer)).call(open(1, peer, 8)), "another peer has its own allowance");
        }
    }

    private static ErrorCode error(Message m) {
        return assertInstanceOf(Message.Error.class, m).kind();
    }

    private static Message.Open open(long id, PeerNode peer, int len) throws java.io.IOException {
        return new Message.Open(id, PeerNode.localModelId(LoopbackPeer.MODEL), peer.range(), len, Encoding.F32, CacheType.F16);
    }

    private static PeerInfo info(PeerNode p) {
        return new PeerInfo(p.identity().hexId(), p.address(), p.range(), 0, 0);
    }
}
