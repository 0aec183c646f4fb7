package a1.peer.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** {@link Tokenizer} over a llama.cpp-style {@link Vocab}: special-token splitting, BOS/EOS, and the per-type encoder. */
final class LlamaTokenizer implements Tokenizer {
    private final Vocab vocab;
    private final SpecialTokenSplitter splitter;
    private final SpmEncoder spm;
    private final BpeEncoder bpe;
    private final WpmEncoder wpm;
    private final byte[][] pieceBytes;

    LlamaTokenizer(Vocab vocab) {
        this.vocab = vocab;
        this.splitter = new SpecialTokenSplitter(vocab);
        this.spm = vocab.type == Vocab.Type.SPM ? new SpmEncoder(vocab) : null;
        this.bpe = vocab.type == Vocab.Type.BPE ? new BpeEncoder(vocab) : null;
        this.wpm = vocab.type == Vocab.Type.WPM ? new WpmEncoder(vocab) : null;
        this.pieceBytes = new byte[vocab.size()][];
        for (int i = 0; i < pieceBytes.length; i++) pieceBytes[i] = PieceDecoder.bytes(vocab, i);
    }

    @Override
    public int[] encode(String input, boolean addSpecial, boolean parseSpecial) {
        String text = asUtf8(input);
        IntList out = new IntList();
        boolean bos = addSpecial && (vocab.addBos || vocab.type == Vocab.Type.WPM);
        if (bos) out.add(vocab.bos);
        boolean prevSpecial = true; // SentencePiece prefixes a space to text that starts the input or follows a special token
        for (SpecialTokenSplitter.Fragment f : splitter.split(text, parseSpecial)) {
            if (!f.isText()) {
                out.add(f.token());
                prevSpecial = true;
                continue;
            }
            String piece = text.substring(f.start(), f.end());
            switch (vocab.type) {
                case SPM -> {
                    String prefixed = vocab.addSpacePrefix && prevSpecial ? " " + piece : piece;
                    spm.encode(prefixed.replace(' ', '\u2581'), out);
                }
                case BPE -> bpe.encode(piece, out);
                case WPM -> wpm.encode(piece, out);
            }
            prevSpecial = false;
        }
        if (addSpecial && vocab.type == Vocab.Type.WPM) out.add(vocab.sep);
        else if (addSpecial && vocab.addEos) out.add(vocab.eos);
        return out.toArray();
    }

    @Override
    public byte[] tokenBytes(int token, boolean special) {
        checked(token);
        if (special && vocab.has(token, Vocab.ATTR_CONTROL | Vocab.ATTR_UNKNOWN)) return vocab.text[token].getBytes(StandardCharsets.UTF_8);
        return pieceBytes[token].clone();
    }

    @Override
    public String decode(int... tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int t : tokens) bytes.writeBytes(pieceBytes[checked(t)]);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String piece(int token) {
        return vocab.text[checked(token)];
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public int bos() {
        return vocab.bos;
    }

    @Override
    public int eos() {
        return vocab.eos;
    }

    @Override
    public boolean isEndOfGeneration(int token) {
        return token >= 0 && vocab.endOfGeneration.get(token);
    }

    @Override
    public TextDecoder streamDecoder() {
        return new Utf8StreamDecoder(t -> pieceBytes[checked(t)]);
    }

    /** llama.cpp sees UTF-8 bytes: an unpaired surrogate, which has no UTF-8 form, becomes '?' as in String.getBytes. */
    private static String asUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        return s;
    }

    private int checked(int token) {
        if (token < 0 || token >= pieceBytes.length) throw new IllegalArgumentException("token " + token + " is outside the vocabulary [0, " + pieceBytes.length + ")");
        return token;
    }
}
