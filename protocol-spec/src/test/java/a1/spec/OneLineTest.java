package a1.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OneLineTest {
    @Test
    void escapesLineBreaksAndControlCharacters() {
        assertEquals("key a\\u000ab\\u000dc\\u2028d\\u0000 is bad", OneLine.of("key a\nb\rc\u2028d\0 is bad"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertEquals("tensor 'blk.0.attn_q' has 5 dimensions (modèle)", OneLine.of("tensor 'blk.0.attn_q' has 5 dimensions (modèle)"));
    }

    @Test
    void cutsLongMessages() {
        String cut = OneLine.of("x".repeat(10_000));
        assertEquals("x".repeat(OneLine.MAX_CHARS) + "...", cut);
    }
}
