package a1.peer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a1.spec.wire.Message;
import a1.spec.wire.WireCodec;
import a1.spec.wire.WireException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static byte[] frame(Message m) {
        byte[] p = WireCodec.encode(m);
        return java.nio.ByteBuffer.allocate(4 + p.length).putInt(p.length).put(p).array();
    }

    @Test
    void framesSplitAnywhereAreReassembled() {
        byte[] a = frame(new Message.Close(7));
        byte[] b = frame(new Message.Opened(9));
        byte[] both = java.nio.ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
        for (int cut = 0; cut <= both.length; cut++) {
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
            ch.writeInbound(Unpooled.wrappedBuffer(both, 0, cut));
            ch.writeInbound(Unpooled.wrappedBuffer(both, cut, both.length - cut));
            assertEquals(new Message.Close(7), ch.readInbound());
            assertEquals(new Message.Opened(9), ch.readInbound());
            assertNull(ch.readInbound());
        }
    }

    @Test
    void anOversizedLengthIsRefusedBeforeBuffering() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.buffer().writeInt(1025).writeByte(1)));
        assertInstanceOf(WireException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("frame length 1025"));
        EmbeddedChannel neg = new EmbeddedChannel(new FrameDecoder(1024));
        DecoderException e2 = assertThrows(DecoderException.class, () -> neg.writeInbound(Unpooled.buffer().writeInt(-1)));
        assertTrue(e2.getCause().getMessage().contains("4294967295"));
    }

    @Test
    void aMalformedPayloadIsTheCodecsException() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1024));
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.buffer().writeInt(3).writeByte(1).writeByte(42).writeByte(0)));
        assertInstanceOf(WireException.class, e.getCause());
    }

    @Test
    void beforeTheHandshakeOnlyHandshakeSizedFramesPass() {
        FrameDecoder d = new FrameDecoder(FrameDecoder.HANDSHAKE_MAX_PAYLOAD);
        EmbeddedChannel ch = new EmbeddedChannel(d);
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(Unpooled.buffer().writeInt(1000)));
        assertTrue(e.getCause().getMessage().contains("outside 2.." + FrameDecoder.HANDSHAKE_MAX_PAYLOAD));
        FrameDecoder after = new FrameDecoder(FrameDecoder.HANDSHAKE_MAX_PAYLOAD);
        after.raiseLimit(1 << 20);
        EmbeddedChannel ok = new EmbeddedChannel(after);
        Message big = new Message.Error(3, 1, "x".repeat(1000));
        ok.writeInbound(Unpooled.wrappedBuffer(frame(big)));
        assertEquals(big, ok.readInbound());
    }

    @Test
    void largeFramesShareOneReceiveBudget() {
        int size = ReceiveBudget.FREE_BYTES + 100;
        ReceiveBudget budget = new ReceiveBudget(size + 50);
        EmbeddedChannel first = new EmbeddedChannel(new FrameDecoder(1 << 20, budget));
        EmbeddedChannel second = new EmbeddedChannel(new FrameDecoder(1 << 20, budget));
        first.writeInbound(Unpooled.buffer().writeInt(size).writeByte(1)); // a large frame begins, and waits for its body
        assertEquals(size, budget.used());
        DecoderException e = assertThrows(DecoderException.class, () -> second.writeInbound(Unpooled.buffer().writeInt(size)));
        assertTrue(e.getCause().getMessage().contains("receive budget"), e.getCause().getMessage());
        first.close(); // a connection that goes away gives its reservation back
        assertEquals(0, budget.used());
        EmbeddedChannel third = new EmbeddedChannel(new FrameDecoder(1 << 20, budget));
        Message.Error m = new Message.Error(1, 1, "y".repeat(1000));
        byte[] small = frame(m);
        third.writeInbound(Unpooled.wrappedBuffer(small));
        assertEquals(m, third.readInbound(), "small frames need no reservation");
    }
}
