package a1.peer.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stream decoder holds back incomplete UTF-8 and emits each character once it is whole. */
class Utf8StreamDecoderTest {
    private static final byte[][] PIECES = {
            "a".getBytes(StandardCharsets.UTF_8), {(byte) 0xF0}, {(byte) 0x9F}, {(byte) 0x98}, {(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xA9}, {(byte) 0xFF}, {}};

    private final TextDecoder decoder = new Utf8StreamDecoder(t -> PIECES[t]);

    @Test
    void emojiSplitOverFourTokensAppearsWhenComplete() {
        assertEquals("a", decoder.next(0));
        assertEquals("", decoder.next(1));
        assertEquals("", decoder.next(2));
        assertEquals("", decoder.next(3));
        assertEquals("😀", decoder.next(4));
        assertEquals("", decoder.flush());
    }

    @Test
    void emptyPiecesEmitNothing() {
        assertEquals("", decoder.next(8));
        assertEquals("", decoder.flush());
    }

    @Test
    void invalidByteBecomesReplacementWithoutWaiting() {
        assertEquals("\uFFFDa", decoder.next(7) + decoder.next(0));
    }

    @Test
    void flushReplacesATruncatedCharacterAndResets() {
        assertEquals("", decoder.next(5));
        assertEquals("\uFFFD", decoder.flush());
        assertEquals("é", decoder.next(5) + decoder.next(6));
    }

    @Test
    void interruptedSequenceIsReplacedAndTheNextCharacterKept() {
        assertEquals("\uFFFDa", decoder.next(1) + decoder.next(0));
    }
}
