package a1.peer.tokenizer;

/**
 * Base of the hand-written pre-tokenizer scanners llama.cpp runs instead of a regex engine for its most common
 * regexes: each scans one segment of code points at a time and cuts it into words.
 */
abstract class ScannerSplit {
    static final int WHITESPACE = 0x100;

    private final int[] cps;
    private final IntList out = new IntList();
    int from, to;
    private int prevEnd;

    ScannerSplit(int[] cps) {
        this.cps = cps;
    }

    /** Splits every segment (given as code point counts); returns the new segment lengths. */
    final IntList split(IntList lengths) {
        int start = 0;
        for (int k = 0; k < lengths.size(); k++) {
            from = start;
            to = start + lengths.get(k);
            prevEnd = from;
            scan();
            start = to;
        }
        return out;
    }

    /** Scans [from, to), calling {@link #cut} at each word end. */
    abstract void scan();

    /** The code point at {@code pos}, or -1 outside the segment. */
    final int cp(int pos) {
        return pos >= from && pos < to ? cps[pos] : -1;
    }

    /** Category bits plus WHITESPACE; 0 outside the segment (where no class matches). */
    final int flags(int pos) {
        if (pos < from || pos >= to) return 0;
        int cp = cps[pos];
        return Unicode.category(cp) | (Unicode.isWhitespace(cp) ? WHITESPACE : 0);
    }

    static boolean isLetter(int f) {
        return (f & Unicode.LETTER) != 0;
    }

    static boolean isNumber(int f) {
        return (f & Unicode.NUMBER) != 0;
    }

    static boolean isWhitespace(int f) {
        return (f & WHITESPACE) != 0;
    }

    /** [^\s\p{L}\p{N}] inside the segment. */
    static boolean isOther(int f) {
        return f != 0 && (f & (WHITESPACE | Unicode.LETTER | Unicode.NUMBER)) == 0;
    }

    /** Ends a word at {@code end} (nothing if empty); returns its length. */
    final int cut(int end) {
        int len = end - prevEnd;
        if (len > 0) out.add(len);
        prevEnd = end;
        return len;
    }

    /** Length of the English contraction ('s 't 're 've 'm 'll 'd) at {@code pos}, or 0; optionally case-insensitive. */
    final int contraction(int pos, boolean ignoreCase) {
        if (cp(pos) != '\'' || pos + 1 >= to) return 0;
        int next = lower(cp(pos + 1), ignoreCase);
        if (next == 's' || next == 't' || next == 'm' || next == 'd') return 2;
        if (pos + 2 >= to) return 0;
        int next2 = lower(cp(pos + 2), ignoreCase);
        return (next == 'r' && next2 == 'e') || (next == 'v' && next2 == 'e') || (next == 'l' && next2 == 'l') ? 3 : 0;
    }

    private static int lower(int cp, boolean ignoreCase) {
        return ignoreCase ? Unicode.toLowerFirst(cp) : cp;
    }
}
