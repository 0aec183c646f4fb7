package a1.dht.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/** Thin adapter: copies each datagram's bytes out of Netty and hands them to the node. */
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final System.Logger LOG = System.getLogger(DatagramHandler.class.getName());

    private final int maxBytes;
    private final BiConsumer<InetSocketAddress, byte[]> sink;

    DatagramHandler(int maxBytes, BiConsumer<InetSocketAddress, byte[]> sink) {
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (content.readableBytes() <= maxBytes) {
            sink.accept(packet.sender(), ByteBufUtil.getBytes(content));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // UDP errors (e.g. ICMP port unreachable) concern one peer, never the socket: keep serving.
        LOG.log(System.Logger.Level.DEBUG, "datagram handling failed", cause);
    }
}
