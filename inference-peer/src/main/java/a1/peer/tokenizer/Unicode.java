package a1.peer.tokenizer;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The code point properties llama.cpp's unicode.cpp uses, derived from the JDK's Unicode tables: one general
 * category class per code point (its flags), the White_Space set, and the single-code-point NFD and lowercase
 * maps (llama.cpp keeps only the first code point of each mapping).
 */
final class Unicode {
    static final int UNDEFINED = 0x01, NUMBER = 0x02, LETTER = 0x04, SEPARATOR = 0x08, ACCENT_MARK = 0x10,
            PUNCTUATION = 0x20, SYMBOL = 0x40, CONTROL = 0x80;

    /**
     * Code point ranges (first, last) that JDK 25's Unicode 16 assigns but llama.cpp c392e509's tables (Unicode 15.1)
     * leave unassigned. With them excluded, categories, lowercase and NFD maps agree with llama.cpp's unicode-data.cpp
     * for every code point (compared once, exhaustively, on JDK 25).
     */
    private static final int[] UNASSIGNED_IN_LLAMA_CPP = {
            0x897, 0x897, 0x1B4E, 0x1B4F, 0x1B7F, 0x1B7F, 0x1C89, 0x1C8A, 0x2427, 0x2429, 0x31E4, 0x31E5,
            0xA7CB, 0xA7CD, 0xA7DA, 0xA7DC, 0x105C0, 0x105F3, 0x10D40, 0x10D65, 0x10D69, 0x10D85, 0x10D8E, 0x10D8F,
            0x10EC2, 0x10EC4, 0x10EFC, 0x10EFC, 0x11380, 0x11389, 0x1138B, 0x1138B, 0x1138E, 0x1138E,
            0x11390, 0x113B5, 0x113B7, 0x113C0, 0x113C2, 0x113C2, 0x113C5, 0x113C5, 0x113C7, 0x113CA,
            0x113CC, 0x113D5, 0x113D7, 0x113D8, 0x113E1, 0x113E2, 0x116D0, 0x116E3, 0x11BC0, 0x11BE1,
            0x11BF0, 0x11BF9, 0x11F5A, 0x11F5A, 0x13460, 0x143FA, 0x16100, 0x16139, 0x16D40, 0x16D79,
            0x18CFF, 0x18CFF, 0x1CC00, 0x1CCF9, 0x1CD00, 0x1CEB3, 0x1E5D0, 0x1E5FA, 0x1E5FF, 0x1E5FF,
            0x1F8B2, 0x1F8BB, 0x1F8C0, 0x1F8C1, 0x1FA89, 0x1FA89, 0x1FA8F, 0x1FA8F, 0x1FABE, 0x1FABE,
            0x1FAC6, 0x1FAC6, 0x1FADC, 0x1FADC, 0x1FADF, 0x1FADF, 0x1FAE9, 0x1FAE9, 0x1FBCB, 0x1FBEF
    };

    /** Category class of {@code cp} as llama.cpp's tables have it, one of the constants above. */
    static int category(int cp) {
        if (isUnassignedInLlamaCpp(cp)) return UNDEFINED;
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> ACCENT_MARK;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> PUNCTUATION;
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> SYMBOL;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SEPARATOR;
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> CONTROL;
            default -> UNDEFINED;
        };
    }

    private static boolean isUnassignedInLlamaCpp(int cp) {
        if (cp < UNASSIGNED_IN_LLAMA_CPP[0]) return false;
        int lo = 0, hi = UNASSIGNED_IN_LLAMA_CPP.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < UNASSIGNED_IN_LLAMA_CPP[2 * mid]) hi = mid - 1;
            else if (cp > UNASSIGNED_IN_LLAMA_CPP[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    /** The Unicode White_Space property (PropList.txt), which llama.cpp uses for \s; unlike {@link Character#isWhitespace} it includes NBSP. */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** First code point of the canonical decomposition (llama.cpp's unicode_cpts_normalize_nfd). */
    static int nfdFirst(int cp) {
        if (cp < 0xC0 || isUnassignedInLlamaCpp(cp)) return cp;
        String s = Character.toString(cp);
        return Normalizer.isNormalized(s, Normalizer.Form.NFD) ? cp : Normalizer.normalize(s, Normalizer.Form.NFD).codePointAt(0);
    }

    /** First code point of the full lowercase mapping (llama.cpp's unicode_tolower). */
    static int toLowerFirst(int cp) {
        if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        if (isUnassignedInLlamaCpp(cp)) return cp;
        return Character.toString(cp).toLowerCase(Locale.ROOT).codePointAt(0);
    }

    private Unicode() {}
}
