package a1.peer.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * llama.cpp's SentencePiece tokenizer (llm_tokenizer_spm): start from single characters, repeatedly merge the
 * adjacent pair whose union is the vocabulary piece with the highest score (leftmost on ties), then emit each
 * remaining symbol as its token or, when it is not a piece, as byte-fallback tokens.
 */
final class SpmEncoder {
    private final Vocab vocab;
    private final int[] byteTokens = new int[256];

    SpmEncoder(Vocab vocab) {
        this.vocab = vocab;
        for (int b = 0; b < 256; b++) byteTokens[b] = byteToken(b);
    }

    private record Bigram(int left, int right, float score, int size) {}

    /** Tokenizes {@code text}, whose spaces are already escaped as U+2581, appending to {@code out}. */
    void encode(String text, IntList out) {
        int n = text.codePointCount(0, text.length());
        if (n == 0) return;
        int[] start = new int[n], len = new int[n], prev = new int[n], next = new int[n];
        for (int i = 0, off = 0; i < n; i++) {
            int cl = Character.charCount(text.codePointAt(off));
            start[i] = off;
            len[i] = cl;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            off += cl;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) tryAdd(text, start, len, i - 1, i, queue);
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            // Symbols only grow, so a changed length sum means one side was merged since the pair was queued.
            if (len[b.left] == 0 || len[b.right] == 0 || len[b.left] + len[b.right] != b.size) continue;
            len[b.left] += len[b.right];
            len[b.right] = 0;
            next[b.left] = next[b.right];
            if (next[b.right] >= 0) prev[next[b.right]] = b.left;
            if (prev[b.left] >= 0) tryAdd(text, start, len, prev[b.left], b.left, queue);
            if (next[b.left] >= 0) tryAdd(text, start, len, b.left, next[b.left], queue);
        }
        for (int i = 0; i != -1; i = next[i]) {
            String piece = text.substring(start[i], start[i] + len[i]);
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                    int t = byteTokens[b & 0xFF];
                    if (t < 0) throw new IllegalArgumentException("vocabulary has neither a byte token for 0x" + Integer.toHexString(b & 0xFF) + " nor an unknown token");
                    out.add(t);
                }
            }
        }
    }

    private void tryAdd(String text, int[] start, int[] len, int left, int right, PriorityQueue<Bigram> queue) {
        int size = len[left] + len[right];
        int id = vocab.id(text.substring(start[left], start[left] + size));
        if (id >= 0) queue.add(new Bigram(left, right, vocab.score[id], size));
    }

    /** "&lt;0xXX&gt;", else the byte as a one-character piece, else (where llama.cpp would throw) the unknown token. */
    private int byteToken(int b) {
        int id = vocab.id(String.format("<0x%02X>", b));
        if (id < 0 && b < 0x80) id = vocab.id(String.valueOf((char) b));
        return id >= 0 ? id : vocab.unk;
    }
}
