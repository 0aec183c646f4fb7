package a1.peer.tokenizer;

/**
 * The GPT-2 pre-tokenizer regex {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}
 * as the hand-written scanner llama.cpp runs instead of a regex engine (unicode_regex_split_custom_gpt2),
 * applied inside each segment of an earlier split.
 */
final class Gpt2Split {
    private static final int WHITESPACE = 0x100;

    private final int[] cps;
    private final IntList out = new IntList();
    private int from, to, prevEnd;

    private Gpt2Split(int[] cps) {
        this.cps = cps;
    }

    /** Splits each segment (given as code point counts) of {@code cps}; returns the new segment lengths. */
    static IntList split(int[] cps, IntList lengths) {
        Gpt2Split s = new Gpt2Split(cps);
        int start = 0;
        for (int k = 0; k < lengths.size(); k++) {
            s.from = start;
            s.to = start + lengths.get(k);
            s.scan();
            start = s.to;
        }
        return s.out;
    }

    private int cp(int pos) {
        return pos >= from && pos < to ? cps[pos] : -1;
    }

    /** Category bits plus WHITESPACE; 0 outside the segment (where no class matches). */
    private int flags(int pos) {
        if (pos < from || pos >= to) return 0;
        int cp = cps[pos];
        return Unicode.category(cp) | (Unicode.isWhitespace(cp) ? WHITESPACE : 0);
    }

    private static boolean isLetter(int f) {
        return (f & Unicode.LETTER) != 0;
    }

    private static boolean isNumber(int f) {
        return (f & Unicode.NUMBER) != 0;
    }

    /** [^\s\p{L}\p{N}] inside the segment. */
    private static boolean isOther(int f) {
        return f != 0 && (f & (WHITESPACE | Unicode.LETTER | Unicode.NUMBER)) == 0;
    }

    private int cut(int end) {
        int len = end - prevEnd;
        if (len > 0) out.add(len);
        prevEnd = end;
        return len;
    }

    private void scan() {
        prevEnd = from;
        int pos = from;
        while (pos < to) {
            int cp = cp(pos);
            if (cp == '\'' && pos + 1 < to) {
                int next = cp(pos + 1);
                if (next == 's' || next == 't' || next == 'm' || next == 'd') {
                    pos += cut(pos + 2);
                    continue;
                }
                if (pos + 2 < to) {
                    int next2 = cp(pos + 2);
                    if ((next == 'r' && next2 == 'e') || (next == 'v' && next2 == 'e') || (next == 'l' && next2 == 'l')) {
                        pos += cut(pos + 3);
                        continue;
                    }
                }
            }
            int f = cp == ' ' ? flags(pos + 1) : flags(pos);
            if (isLetter(f) || isNumber(f) || isOther(f)) {
                int kind = isLetter(f) ? 0 : isNumber(f) ? 1 : 2;
                if (cp == ' ') pos++;
                while (kind == 0 ? isLetter(f) : kind == 1 ? isNumber(f) : isOther(f)) f = flags(++pos);
                cut(pos);
                continue;
            }
            int spaces = 0;
            while ((flags(pos + spaces) & WHITESPACE) != 0) spaces++;
            if (spaces > 1 && cp(pos + spaces) != -1) { // \s+(?!\S): leave the last space to the next word
                pos += spaces - 1;
                cut(pos);
            } else if (spaces > 0) {
                pos += spaces;
                cut(pos);
            } else {
                cut(++pos);
            }
        }
    }
}
