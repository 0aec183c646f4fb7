package a1.peer.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A token's bytes as llama.cpp's llama_token_to_piece with special=false. */
final class PieceDecoder {
    private static final byte[] NONE = new byte[0];

    static byte[] bytes(Vocab vocab, int token) {
        String text = vocab.text[token];
        if (vocab.has(token, Vocab.ATTR_CONTROL | Vocab.ATTR_UNKNOWN)) return NONE;
        if (vocab.has(token, Vocab.ATTR_USER_DEFINED)) return text.getBytes(StandardCharsets.UTF_8);
        if (vocab.has(token, Vocab.ATTR_NORMAL)) {
            return vocab.type == Vocab.Type.BPE ? fromByteAlphabet(text) : text.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
        }
        if (vocab.has(token, Vocab.ATTR_BYTE) && vocab.type != Vocab.Type.WPM) return new byte[] {hexByte(text)};
        return NONE; // unused and undefined tokens, like llama.cpp
    }

    /** GPT-2 alphabet back to bytes; a character outside it is written as llama.cpp does ("[UNK_BYTE_0x..text]"). */
    private static byte[] fromByteAlphabet(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        text.codePoints().forEach(cp -> {
            int b = ByteUnicode.byteOf(cp);
            if (b >= 0) {
                out.write(b);
                return;
            }
            StringBuilder unk = new StringBuilder("[UNK_BYTE_0x");
            for (byte u : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) unk.append(String.format("%02x", u & 0xFF));
            out.writeBytes(unk.append(text).append(']').toString().getBytes(StandardCharsets.UTF_8));
        });
        return out.toByteArray();
    }

    /** The XX of "&lt;0xXX&gt;" (strtol semantics: what does not parse is 0). */
    private static byte hexByte(String text) {
        if (text.length() < 5) return 0;
        int v = 0;
        for (int i = 3; i < 5; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) return (byte) (i == 3 ? 0 : v);
            v = v * 16 + d;
        }
        return (byte) v;
    }

    private PieceDecoder() {}
}
