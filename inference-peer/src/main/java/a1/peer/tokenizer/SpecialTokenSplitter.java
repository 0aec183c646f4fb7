package a1.peer.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts special-token texts out of the input before tokenizing, as llama.cpp's tokenizer_st_partition: every
 * special token in turn (longest first) splits the remaining text pieces around its occurrences. Control and
 * unknown tokens take part only when parsing special tokens; user-defined tokens always do. LSTRIP/RSTRIP tokens
 * eat the ASCII whitespace beside them.
 */
final class SpecialTokenSplitter {

    /** A piece of the input: a token id, or the text range [start, end). */
    record Fragment(int token, int start, int end) {
        boolean isText() {
            return token < 0;
        }
    }

    private final Vocab vocab;

    SpecialTokenSplitter(Vocab vocab) {
        this.vocab = vocab;
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        List<Fragment> fragments = new ArrayList<>();
        if (text.isEmpty()) return fragments;
        fragments.add(new Fragment(-1, 0, text.length()));
        for (int id : vocab.specialTokens) {
            if (!parseSpecial && vocab.has(id, Vocab.ATTR_CONTROL | Vocab.ATTR_UNKNOWN)) continue;
            String special = vocab.text[id];
            if (text.indexOf(special) < 0) continue;
            List<Fragment> next = new ArrayList<>(fragments.size() + 2);
            for (Fragment f : fragments) {
                if (f.isText()) cut(text, f.start(), f.end(), id, special, next);
                else next.add(f);
            }
            fragments = next;
        }
        return fragments;
    }

    private void cut(String text, int start, int end, int id, String special, List<Fragment> out) {
        boolean lstrip = vocab.has(id, Vocab.ATTR_LSTRIP), rstrip = vocab.has(id, Vocab.ATTR_RSTRIP);
        while (start < end) {
            int match = text.indexOf(special, start);
            if (match < 0 || match + special.length() > end) break;
            int leftEnd = match;
            if (lstrip) while (leftEnd > start && isSpace(text.charAt(leftEnd - 1))) leftEnd--;
            if (leftEnd > start) out.add(new Fragment(-1, start, leftEnd));
            out.add(new Fragment(id, match, match + special.length()));
            start = match + special.length();
            if (rstrip) while (start < end && isSpace(text.charAt(start))) start++;
        }
        if (start < end) out.add(new Fragment(-1, start, end));
    }

    /** C isspace() in the "C" locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
