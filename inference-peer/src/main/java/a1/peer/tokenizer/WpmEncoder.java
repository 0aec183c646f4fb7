package a1.peer.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's WordPiece tokenizer (llm_tokenizer_wpm, BERT): normalize (first code point of NFD, lowercase), split
 * on whitespace and around punctuation, ASCII symbols and CJK ideographs, then cover each word, prefixed with
 * U+2581, greedily by the longest vocabulary pieces; a word that cannot be covered becomes the unknown token.
 */
final class WpmEncoder {
    private final Vocab vocab;

    WpmEncoder(Vocab vocab) {
        this.vocab = vocab;
    }

    void encode(String text, IntList out) {
        for (String word : words(text)) {
            String w = "\u2581" + word;
            int n = w.length();
            IntList pieces = new IntList();
            boolean covered = true;
            for (int i = 0; i < n && covered; ) {
                covered = false;
                // a piece has at most maxTokenBytes UTF-8 bytes, hence at most as many chars
                for (int j = Math.min(n, i + vocab.maxTokenBytes); j > i; j--) {
                    if (j < n && Character.isLowSurrogate(w.charAt(j))) continue; // never split a surrogate pair
                    int id = vocab.id(w.substring(i, j));
                    if (id >= 0) {
                        pieces.add(id);
                        i = j;
                        covered = true;
                        break;
                    }
                }
            }
            if (covered && pieces.size() > 0) {
                for (int k = 0; k < pieces.size(); k++) out.add(pieces.get(k));
            } else {
                out.add(vocab.unk);
            }
        }
    }

    /** llama.cpp's WPM preprocess: normalized words, never empty. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(raw -> {
            int cp = Unicode.nfdFirst(raw);
            if (Unicode.isWhitespace(cp)) {
                flush(word, words);
                return;
            }
            int category = Unicode.category(cp);
            if (cp == 0 || cp == 0xFFFD || category == Unicode.CONTROL) return;
            int lower = Unicode.toLowerFirst(cp);
            if (category == Unicode.PUNCTUATION || (cp < 0x7F && category == Unicode.SYMBOL) || isChinese(cp)) {
                flush(word, words);
                words.add(Character.toString(lower));
            } else {
                word.appendCodePoint(lower);
            }
        });
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
