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
 * The limit starts at what the handshake needs and is raised once the remote is authenticated, so a stranger
 * cannot make a peer buffer a large frame.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private enum State { LENGTH, PAYLOAD }

    /** Largest handshake frame: HELLO and PROOF bodies are 64 bytes. */
    static final int HANDSHAKE_MAX_PAYLOAD = 128;

    private final ReceiveBudget budget;
    private int maxPayload;
    private State state = State.LENGTH;
    private int length;
    private int reserved;

    FrameDecoder(int maxPayload) {
        this(maxPayload, ReceiveBudget.UNLIMITED);
    }

    FrameDecoder(int maxPayload, ReceiveBudget budget) {
        this.maxPayload = maxPayload;
        this.budget = budget;
    }

    /** Accepts frames up to {@code maxPayload} from now on. */
    void raiseLimit(int maxPayload) {
        this.maxPayload = Math.max(this.maxPayload, maxPayload);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case LENGTH -> {
                    if (in.readableBytes() < 4) return;
                    length = checkLength(in.readInt(), maxPayload);
                    if (length > ReceiveBudget.FREE_BYTES) {
                        if (!budget.tryReserve(length)) {
                            throw new WireException("a frame of " + length + " bytes does not fit this peer's receive budget now (" + budget.used() + " of " + budget.limit() + " bytes in use); retry later");
                        }
                        reserved = length;
                    }
                    state = State.PAYLOAD;
                }
                case PAYLOAD -> {
                    if (in.readableBytes() < length) return;
                    byte[] payload = new byte[length];
                    in.readBytes(payload);
                    release();
                    state = State.LENGTH;
                    out.add(WireCodec.decode(payload));
                }
            }
        }
    }

    /** {@code length} when a frame may be that long, else the error that ends the connection. */
    static int checkLength(int length, int maxPayload) {
        if (length < 2 || length > maxPayload) throw new WireException("frame length " + Integer.toUnsignedString(length) + " is outside 2.." + maxPayload);
        return length;
    }

    private void release() {
        budget.release(reserved);
        reserved = 0;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        release();
    }
}
