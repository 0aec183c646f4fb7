package a1.spec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding for every decoder of outside input: malformed bytes are refused, never replaced. */
public final class Utf8 {
    private Utf8() {}

    /** Decodes all remaining bytes of {@code in}; callers turn the exception into their own format's error. */
    public static String strict(ByteBuffer in) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
    }
}
