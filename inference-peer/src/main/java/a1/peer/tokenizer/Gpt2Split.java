package a1.peer.tokenizer;

/**
 * The GPT-2 pre-tokenizer regex {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}
 * as llama.cpp's hand-written scanner (unicode_regex_split_custom_gpt2).
 */
final class Gpt2Split extends ScannerSplit {

    Gpt2Split(int[] cps) {
        super(cps);
    }

    @Override
    void scan() {
        int pos = from;
        while (pos < to) {
            int contraction = contraction(pos, false);
            if (contraction > 0) {
                pos += cut(pos + contraction);
                continue;
            }
            int cp = cp(pos);
            int f = cp == ' ' ? flags(pos + 1) : flags(pos);
            if (isLetter(f) || isNumber(f) || isOther(f)) { // ' ?\p{L}+', ' ?\p{N}+', ' ?[^\s\p{L}\p{N}]+'
                int kind = isLetter(f) ? 0 : isNumber(f) ? 1 : 2;
                if (cp == ' ') pos++;
                while (kind == 0 ? isLetter(f) : kind == 1 ? isNumber(f) : isOther(f)) f = flags(++pos);
                cut(pos);
                continue;
            }
            int spaces = 0;
            while (isWhitespace(flags(pos + spaces))) spaces++;
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
