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

    /** Category class of {@code cp}, one of the constants above. */
    static int category(int cp) {
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

    static boolean isLetter(int cp) {
        return category(cp) == LETTER;
    }

    static boolean isNumber(int cp) {
        return category(cp) == NUMBER;
    }

    /** The Unicode White_Space property (PropList.txt), which llama.cpp uses for \s; unlike {@link Character#isWhitespace} it includes NBSP. */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** First code point of the canonical decomposition (llama.cpp's unicode_cpts_normalize_nfd). */
    static int nfdFirst(int cp) {
        if (cp < 0xC0) return cp;
        String s = Character.toString(cp);
        return Normalizer.isNormalized(s, Normalizer.Form.NFD) ? cp : Normalizer.normalize(s, Normalizer.Form.NFD).codePointAt(0);
    }

    /** First code point of the full lowercase mapping (llama.cpp's unicode_tolower). */
    static int toLowerFirst(int cp) {
        if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        return Character.toString(cp).toLowerCase(Locale.ROOT).codePointAt(0);
    }

    private Unicode() {}
}
