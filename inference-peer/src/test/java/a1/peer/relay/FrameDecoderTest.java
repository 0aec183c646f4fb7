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
}
