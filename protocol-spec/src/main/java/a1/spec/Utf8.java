package a1.spec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Strict UTF-8 decoding for every decoder of outside input: malformed bytes are refused, never replaced. */
public final class Utf8 {
    private Utf8() {}

    /** Decodes all remaining bytes of {@code in}; callers turn the exception into their own format's error. */
    public static String strict(ByteBuffer in) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
    }

    /**
     * Reads a u16 length and then that many bytes of strict UTF-8, as the wire and gossip formats write strings;
     * {@code error} turns a message into the calling decoder's own exception. A length past the end underflows.
     */
    public static String readU16(ByteBuffer b, int max, Function<String, ? extends RuntimeException> error) {
        int n = b.getShort() & 0xFFFF;
        if (n > max) throw error.apply("string of " + n + " bytes exceeds " + max);
        if (n > b.remaining()) throw new BufferUnderflowException();
        try {
            String s = strict(b.slice(b.position(), n));
            b.position(b.position() + n);
            return s;
        } catch (CharacterCodingException e) {
            throw error.apply("string is not valid UTF-8");
        }
    }
}
