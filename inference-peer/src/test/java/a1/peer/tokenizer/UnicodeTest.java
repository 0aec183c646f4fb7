package a1.peer.tokenizer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spot checks of the code point properties against llama.cpp c392e509's unicode-data.cpp. */
class UnicodeTest {

    @Test
    void categoriesFollowLlamaCppTablesNotNewerUnicode() {
        assertEquals(Unicode.LETTER, Unicode.category('a'));
        assertEquals(Unicode.NUMBER, Unicode.category('½'));
        assertEquals(Unicode.ACCENT_MARK, Unicode.category(0x301));
        assertEquals(Unicode.CONTROL, Unicode.category(0x200B)); // Cf
        assertEquals(Unicode.UNDEFINED, Unicode.category(0x378));
        // assigned in Unicode 16 (JDK 25) but not in llama.cpp's Unicode 15.1 tables
        assertEquals(Unicode.UNDEFINED, Unicode.category(0x897));
        assertEquals(Unicode.UNDEFINED, Unicode.category(0x1C89));
        assertEquals(Unicode.UNDEFINED, Unicode.category(0x1E5FF));
        assertEquals(Unicode.LETTER, Unicode.category(0x1C88));
    }

    @Test
    void whitespaceIsTheWhiteSpaceProperty() {
        assertTrue(Unicode.isWhitespace(0xA0));
        assertTrue(Unicode.isWhitespace(0x85));
        assertTrue(Unicode.isWhitespace(0x3000));
        assertFalse(Unicode.isWhitespace(0x1C));
        assertFalse(Unicode.isWhitespace(0x200B));
    }

    @Test
    void singleCodePointNormalization() {
        assertEquals('e', Unicode.nfdFirst('é'));
        assertEquals('A', Unicode.nfdFirst('Å'));
        assertEquals('i', Unicode.toLowerFirst('İ'));
        assertEquals('σ', Unicode.toLowerFirst('Σ'));
        assertEquals('ß', Unicode.toLowerFirst('ß'));
        assertEquals(0x1C89, Unicode.toLowerFirst(0x1C89), "Unicode 16 case pair unknown to llama.cpp");
    }
}
