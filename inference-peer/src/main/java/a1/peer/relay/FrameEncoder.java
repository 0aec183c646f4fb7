package a1.peer.relay;

import a1.spec.wire.Message;
import a1.spec.wire.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a message as a frame: payload length, then {@link WireCodec#encode}. */
final class FrameEncoder extends MessageToByteEncoder<Message> {
    @Override
    protected void encode(ChannelHandlerContext ctx, Message m, ByteBuf out) {
        byte[] payload = WireCodec.encode(m);
        out.writeInt(payload.length).writeBytes(payload);
    }
}
