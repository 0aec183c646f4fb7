package a1.dht.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatagramHandlerTest {

    record Received(InetSocketAddress from, byte[] bytes) {
    }

    final InetSocketAddress sender = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 4000);
    final InetSocketAddress local = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 5000);

    @Test
    void forwardsSenderAndBytesAndReleasesTheBuffer() {
        List<Received> got = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new DatagramHandler(16, (from, b) -> got.add(new Received(from, b))));
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), local, sender);
        ch.writeInbound(packet);
        assertEquals(1, got.size());
        assertEquals(sender, got.get(0).from());
        assertArrayEquals(new byte[] {1, 2, 3}, got.get(0).bytes());
        assertEquals(0, packet.refCnt());
    }

    @Test
    void dropsOversizedDatagramsAndSurvivesErrors() {
        List<Received> got = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new DatagramHandler(16, (from, b) -> got.add(new Received(from, b))));
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[17]), local, sender));
        ch.pipeline().fireExceptionCaught(new java.io.IOException("port unreachable"));
        ch.checkException();
        assertTrue(got.isEmpty());
        assertTrue(ch.isActive());
    }
}
