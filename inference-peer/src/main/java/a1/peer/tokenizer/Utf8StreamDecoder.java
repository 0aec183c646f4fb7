package a1.peer.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A {@link TextDecoder} over a JDK UTF-8 {@link CharsetDecoder} fed with endOfInput=false, which keeps an
 * incomplete trailing sequence for the next call: the emitted text therefore equals decoding all bytes at once.
 */
final class Utf8StreamDecoder implements TextDecoder {
    private final IntFunction<byte[]> tokenBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(16);

    Utf8StreamDecoder(IntFunction<byte[]> tokenBytes) {
        this.tokenBytes = tokenBytes;
    }

    @Override
    public String next(int token) {
        byte[] bytes = tokenBytes.apply(token);
        if (pending.remaining() < bytes.length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + bytes.length));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(bytes);
        return drain(false);
    }

    @Override
    public String flush() {
        String rest = drain(true);
        CharBuffer out = CharBuffer.allocate(4);
        decoder.flush(out);
        decoder.reset();
        return rest + out.flip();
    }

    private String drain(boolean endOfInput) {
        pending.flip();
        // Malformed input can expand to one U+FFFD per byte; valid input to at most one char per byte.
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
        decoder.decode(pending, out, endOfInput);
        pending.compact();
        return out.flip().toString();
    }
}
