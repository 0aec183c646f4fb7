package a1.peer.tokenizer;

/**
 * The Llama 3 pre-tokenizer regex {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
 *  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+} as llama.cpp's hand-written scanner
 * (unicode_regex_split_custom_llama3); with {@code maxDigits} 1 it is Qwen2's regex ({@code \p{N}} alone).
 */
final class Llama3Split extends ScannerSplit {
    private final int maxDigits;

    Llama3Split(int[] cps, int maxDigits) {
        super(cps);
        this.maxDigits = maxDigits;
    }

    @Override
    void scan() {
        int pos = from;
        while (pos < to) {
            int contraction = contraction(pos, true);
            if (contraction > 0) {
                pos += cut(pos + contraction);
                continue;
            }
            int cp = cp(pos);
            int f = flags(pos);
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if (cp != '\r' && cp != '\n' && !isNumber(f) && (isLetter(f) || isLetter(flags(pos + 1)))) {
                pos++;
                while (isLetter(flags(pos))) pos++;
                cut(pos);
                continue;
            }
            // \p{N}{1,maxDigits}
            if (isNumber(f)) {
                int groupStart = pos;
                while (isNumber(flags(pos))) {
                    if (++pos - groupStart >= maxDigits) {
                        cut(pos);
                        groupStart = pos;
                    }
                }
                cut(pos);
                continue;
            }
            // ' ?[^\s\p{L}\p{N}]+[\r\n]*' (llama.cpp tests the current code point, not the one after the space, for being in range)
            int f2 = cp == ' ' ? flags(pos + 1) : f;
            if ((f2 & (WHITESPACE | Unicode.LETTER | Unicode.NUMBER)) == 0 && f != 0) {
                if (cp == ' ') pos++;
                while (isOther(f2)) f2 = flags(++pos);
                while (cp(pos) == '\r' || cp(pos) == '\n') pos++;
                cut(pos);
                continue;
            }
            int spaces = 0, afterLastNewline = 0;
            while (isWhitespace(flags(pos + spaces))) {
                int c = cp(pos + spaces);
                if (c == '\r' || c == '\n') afterLastNewline = pos + spaces + 1;
                spaces++;
            }
            if (afterLastNewline > 0) { // \s*[\r\n]+
                pos = afterLastNewline;
                cut(pos);
            } else if (spaces > 1 && cp(pos + spaces) != -1) { // \s+(?!\S)
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
