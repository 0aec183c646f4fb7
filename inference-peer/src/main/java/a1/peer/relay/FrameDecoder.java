package a1.peer.relay;

import a1.spec.wire.WireCodec;
import a1.spec.wire.WireException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames (a 4-byte big-endian payload length, then the payload) and decodes each with
 * {@link WireCodec}. An explicit two-state machine; a length above the limit fails before anything is buffered.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private enum State { LENGTH, PAYLOAD }

    private final int maxPayload;
    private State state = State.LENGTH;
    private int length;

    FrameDecoder(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case LENGTH -> {
                    if (in.readableBytes() < 4) return;
                    length = in.readInt();
                    if (length < 2 || length > maxPayload) {
                        throw new WireException("frame length " + Integer.toUnsignedString(length) + " is outside 2.." + maxPayload);
                    }
                    state = State.PAYLOAD;
                }
                case PAYLOAD -> {
                    if (in.readableBytes() < length) return;
                    byte[] payload = new byte[length];
                    in.readBytes(payload);
                    state = State.LENGTH;
                    out.add(WireCodec.decode(payload));
                }
            }
        }
    }
}
