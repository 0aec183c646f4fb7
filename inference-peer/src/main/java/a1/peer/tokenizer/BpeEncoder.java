package a1.peer.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * llama.cpp's byte-level BPE (llm_tokenizer_bpe): pre-tokenize into words, write each word's UTF-8 bytes in the
 * GPT-2 alphabet, then repeatedly apply the lowest-ranked merge among adjacent symbols (leftmost on ties).
 * A final symbol that is not a token falls back to its ASCII characters' tokens, as in llama.cpp.
 */
final class BpeEncoder {
    private final Vocab vocab;

    BpeEncoder(Vocab vocab) {
        this.vocab = vocab;
    }

    private record Bigram(int left, int right, int rank, int size) {}

    void encode(String text, IntList out) {
        for (String word : vocab.pre.split(text)) encodeWord(ByteUnicode.encode(word), out);
    }

    private void encodeWord(String word, IntList out) {
        int n = word.length(); // every GPT-2 alphabet character is one char
        if (n == 0) return;
        if (vocab.pre.llama3Defaults) { // Llama 3 takes a word that is a token as it is, without merging
            int whole = vocab.id(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        int[] len = new int[n], prev = new int[n], next = new int[n];
        for (int i = 0; i < n; i++) {
            len[i] = 1;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.rank != b.rank ? Integer.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) tryAdd(word, len, i - 1, i, queue);
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            // Symbols only grow, so a changed length sum means the pair's text is no longer the queued one.
            if (len[b.left] == 0 || len[b.right] == 0 || len[b.left] + len[b.right] != b.size) continue;
            len[b.left] += len[b.right];
            len[b.right] = 0;
            next[b.left] = next[b.right];
            if (next[b.right] >= 0) prev[next[b.right]] = b.left;
            if (prev[b.left] >= 0) tryAdd(word, len, prev[b.left], b.left, queue);
            if (next[b.left] >= 0) tryAdd(word, len, b.left, next[b.left], queue);
        }
        for (int i = 0; i != -1; i = next[i]) {
            String symbol = word.substring(i, i + len[i]);
            int id = vocab.id(symbol);
            if (id >= 0) {
                out.add(id);
                continue;
            }
            for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
                int single = b >= 0 ? vocab.id(String.valueOf((char) b)) : -1;
                if (single >= 0) out.add(single);
            }
        }
    }

    private void tryAdd(String word, int[] len, int left, int right, PriorityQueue<Bigram> queue) {
        String key = word.substring(left, left + len[left]) + ' ' + word.substring(right, right + len[right]);
        Integer rank = vocab.mergeRank.get(key);
        if (rank != null) queue.add(new Bigram(left, right, rank, len[left] + len[right]));
    }
}
