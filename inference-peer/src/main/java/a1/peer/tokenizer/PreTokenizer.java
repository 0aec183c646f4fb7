package a1.peer.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words before BPE, as llama.cpp's unicode_regex_split: a chain of regexes, each splitting every
 * segment left by the previous one into matches and the gaps between them. The GPT-2 and Llama 3 regexes run as
 * hand-written scanners ({@link Gpt2Split}, {@link Llama3Split}); a regex using \p{..} classes runs over llama.cpp's "collapsed" text, where each
 * non-ASCII code point is replaced by one byte standing for its category (so the classes only need ASCII ranges);
 * any other regex runs over the code points, with non-ASCII whitespace replaced by \x0B.
 */
final class PreTokenizer {
    static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    static final String LLAMA3 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** llama.cpp runs this one through std::regex; it is the Llama 3 regex with single digits, so it gets that scanner. */
    static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** Pre-tokenizer names for which llama.cpp also adds BOS by default and skips merging words that are tokens. */
    private static final java.util.Set<String> LLAMA3_NAMES = java.util.Set.of("llama3", "llama-v3", "llama-bpe", "falcon3");

    /** The tokenizer.ggml.pre values supported, with llama.cpp's regex lists for them. */
    private static final Map<String, List<String>> REGEXES;

    static {
        List<String> gpt2 = List.of(GPT2);
        List<String> starcoder = List.of("\\p{N}", GPT2);
        List<String> llama3 = List.of(LLAMA3);
        List<String> qwen2 = List.of(QWEN2);
        REGEXES = Map.ofEntries(
                Map.entry("llama3", llama3), Map.entry("llama-v3", llama3), Map.entry("llama-bpe", llama3), Map.entry("falcon3", llama3),
                Map.entry("dbrx", llama3), Map.entry("smaug-bpe", llama3),
                Map.entry("qwen2", qwen2), Map.entry("deepseek-r1-qwen", qwen2), Map.entry("stablelm2", qwen2), Map.entry("megrez", qwen2),
                Map.entry("default", List.of("[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2, "\\p{N}+", "[0-9][0-9][0-9]")),
                Map.entry("gpt-2", gpt2), Map.entry("phi-2", gpt2), Map.entry("mpt", gpt2), Map.entry("olmo", gpt2),
                Map.entry("jina-es", gpt2), Map.entry("jina-de", gpt2), Map.entry("jais", gpt2), Map.entry("gigachat", gpt2),
                Map.entry("falcon", List.of("[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]")),
                Map.entry("starcoder", starcoder), Map.entry("refact", starcoder), Map.entry("command-r", starcoder),
                Map.entry("smollm", starcoder), Map.entry("codeshell", starcoder), Map.entry("exaone", starcoder),
                Map.entry("minerva-7b", starcoder),
                Map.entry("deepseek-llm", List.of(
                        "[\r\n]",
                        "\\s?[A-Za-z\\x{B5}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{1BA}\\x{1BC}-\\x{1BF}\\x{1C4}-\\x{293}\\x{295}-\\x{2AF}\\x{370}-\\x{373}\\x{376}\\x{377}\\x{37B}-\\x{37D}\\x{37F}\\x{386}\\x{388}-\\x{38A}\\x{38C}\\x{38E}-\\x{3A1}\\x{3A3}-\\x{3F5}\\x{3F7}-\\x{481}\\x{48A}-\\x{52F}\\x{531}-\\x{556}\\x{10A0}-\\x{10C5}\\x{13A0}-\\x{13F5}\\x{13F8}-\\x{13FD}\\x{1C90}-\\x{1CBA}\\x{1CBD}-\\x{1CBF}\\x{1D00}-\\x{1D2B}\\x{1D6B}-\\x{1D77}\\x{1D79}-\\x{1D9A}\\x{1E00}-\\x{1F15}\\x{1F18}-\\x{1F1D}\\x{1F20}-\\x{1F45}\\x{1F48}-\\x{1F4D}\\x{1F50}-\\x{1F57}\\x{1F59}\\x{1F5B}\\x{1F5D}\\x{1F5F}-\\x{1F7D}\\x{1F80}-\\x{1FB4}\\x{1FB6}-\\x{1FBC}\\x{1FBE}\\x{1FC2}-\\x{1FC4}\\x{1FC6}-\\x{1FCC}\\x{1FD0}-\\x{1FD3}\\x{1FD6}-\\x{1FDB}\\x{1FE0}-\\x{1FEC}\\x{1FF2}-\\x{1FF4}\\x{1FF6}-\\x{1FFC}\\x{2102}\\x{2107}\\x{210A}-\\x{2113}\\x{2115}\\x{2119}-\\x{211D}\\x{2124}\\x{2126}\\x{2128}\\x{212A}-\\x{212D}\\x{212F}-\\x{2134}\\x{2139}\\x{213C}-\\x{213F}\\x{2145}-\\x{2149}\\x{214E}\\x{2183}\\x{2184}\\x{2C00}-\\x{2C7B}\\x{2C7E}-\\x{2CE4}\\x{2CEB}-\\x{2CEE}\\x{2CF2}\\x{2CF3}\\x{A640}-\\x{A66D}\\x{A680}-\\x{A69B}\\x{A722}-\\x{A76F}\\x{A771}-\\x{A787}\\x{A78B}-\\x{A78E}\\x{AB70}-\\x{ABBF}\\x{FB00}-\\x{FB06}\\x{FB13}-\\x{FB17}\\x{FF21}-\\x{FF3A}\\x{FF41}-\\x{FF5A}\\x{10400}-\\x{1044F}\\x{104B0}-\\x{104D3}\\x{104D8}-\\x{104FB}\\x{10C80}-\\x{10CB2}\\x{10CC0}-\\x{10CF2}\\x{118A0}-\\x{118DF}\\x{1E900}-\\x{1E943}]+",
                        "\\s?[!-/:-~\\x{FF01}-\\x{FF0F}\\x{FF1A}-\\x{FF5E}\\x{2018}-\\x{201F}\\x{3000}-\\x{3002}]+",
                        "\\s+$",
                        "[\\x{4E00}-\\x{9FA5}\\x{800}-\\x{4E00}\\x{AC00}-\\x{D7FF}]+",
                        "\\p{N}+")),
                Map.entry("deepseek-coder", List.of("[\r\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[\\x{4E00}-\\x{9FA5}\\x{800}-\\x{4E00}\\x{AC00}-\\x{D7FF}]+", "\\p{N}")));
    }

    /** \p{..} classes and their collapsed forms: the stand-in byte plus the ASCII members of the category. */
    private static final Map<String, String> CATEGORY_CLASSES = Map.of(
            "\\p{N}", "\u00D1" + "0-9",
            "\\p{L}", "\u00D2" + "A-Za-z",
            "\\p{P}", "\u00D3" + "!-#%-*,-/:-;?-@\\[-\\]_\\{\\}",
            "\\p{M}", "\u00D4",
            "\\p{S}", "\u00D5" + "\\$\\+<->\\^`\\|");

    /**
     * Same matches, linear time: a backtracking engine retries "\s+$" from every space of a long run that is not at
     * the end (quadratic); a match can only start where a run starts, so other starts are cut off first.
     */
    private static final Map<String, String> LINEAR_EQUIVALENTS = Map.of("\\s+$", "(?<!\\s)\\s+$");

    private sealed interface Step permits ScannerStep, RegexStep {}

    private record ScannerStep(java.util.function.Function<int[], ScannerSplit> scanner) implements Step {}

    private record RegexStep(Pattern pattern, boolean collapsed) implements Step {}

    private final List<Step> steps = new ArrayList<>();
    final boolean llama3Defaults;

    private PreTokenizer(List<String> regexes, boolean llama3Defaults, boolean scanners) {
        this.llama3Defaults = llama3Defaults;
        for (String r : regexes) {
            if (!scanners) {
                steps.add(regexStep(r));
            } else if (r.equals(GPT2)) {
                steps.add(new ScannerStep(Gpt2Split::new));
            } else if (r.equals(LLAMA3) || r.equals(QWEN2)) {
                int maxDigits = r.equals(LLAMA3) ? 3 : 1;
                steps.add(new ScannerStep(cps -> new Llama3Split(cps, maxDigits)));
            } else {
                steps.add(regexStep(r));
            }
        }
    }

    private static RegexStep regexStep(String regex) {
        boolean collapsed = CATEGORY_CLASSES.keySet().stream().anyMatch(regex::contains);
        String java = LINEAR_EQUIVALENTS.getOrDefault(regex, regex);
        return new RegexStep(Pattern.compile(collapsed ? collapse(java) : java), collapsed);
    }

    /** A pre-tokenizer that runs every regex through the regex engine, even those with a scanner (to cross-check them). */
    static PreTokenizer regexOnly(List<String> regexes) {
        return new PreTokenizer(regexes, false, false);
    }

    static PreTokenizer named(String name) {
        List<String> regexes = REGEXES.get(name.isEmpty() ? "default" : name);
        if (regexes == null) {
            throw new IllegalArgumentException("unsupported tokenizer.ggml.pre '" + name + "' (supported: " + String.join(", ", new java.util.TreeSet<>(REGEXES.keySet())) + ")");
        }
        return new PreTokenizer(regexes, LLAMA3_NAMES.contains(name), true);
    }

    /** The words of {@code text}, in order; their concatenation is {@code text}. */
    List<String> split(String text) {
        int[] cps = text.codePoints().toArray();
        IntList lengths = new IntList();
        if (cps.length > 0) lengths.add(cps.length);
        CodePointText collapsed = null, plain = null;
        for (Step step : steps) {
            switch (step) {
                case ScannerStep scanner -> lengths = scanner.scanner().apply(cps).split(lengths);
                case RegexStep r -> {
                    CodePointText subject;
                    if (r.collapsed()) subject = collapsed != null ? collapsed : (collapsed = CodePointText.collapsed(cps));
                    else subject = plain != null ? plain : (plain = CodePointText.plain(cps));
                    lengths = subject.split(r.pattern(), lengths);
                }
            }
        }
        List<String> words = new ArrayList<>(lengths.size());
        int start = 0;
        for (int k = 0; k < lengths.size(); k++) {
            int end = start + lengths.get(k);
            words.add(new String(cps, start, end - start));
            start = end;
        }
        return words;
    }

    /** llama.cpp's rewrite of a \p{..} regex for the collapsed text (brackets added unless already inside a class). */
    static String collapse(String regex) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '[' && (i == 0 || regex.charAt(i - 1) != '\\')) {
                out.append('[');
                inside = true;
                continue;
            }
            if (inside && c == ']' && regex.charAt(i - 1) != '\\') {
                out.append(']');
                inside = false;
                continue;
            }
            if (c == '\\' && i + 3 < regex.length() && regex.charAt(i + 1) == 'p' && regex.charAt(i + 2) == '{') {
                int close = regex.indexOf('}', i + 3);
                String members = close < 0 ? null : CATEGORY_CLASSES.get(regex.substring(i, close + 1));
                if (members != null) {
                    out.append(inside ? members : "[" + members + "]");
                    i = close;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A regex subject built from code points, with the map from its char indices back to code point indices. */
    private record CodePointText(String text, int[] cpIndexOfChar) {

        static CodePointText collapsed(int[] cps) {
            char[] chars = new char[cps.length];
            for (int i = 0; i < cps.length; i++) {
                int cp = cps[i];
                if (cp < 128) chars[i] = (char) cp;
                else if (Unicode.isWhitespace(cp)) chars[i] = 0x0B;
                else chars[i] = switch (Unicode.category(cp)) {
                    case Unicode.NUMBER -> 0xD1;
                    case Unicode.LETTER -> 0xD2;
                    case Unicode.PUNCTUATION -> 0xD3;
                    case Unicode.ACCENT_MARK -> 0xD4;
                    case Unicode.SYMBOL -> 0xD5;
                    default -> 0xD0;
                };
            }
            return new CodePointText(new String(chars), null);
        }

        static CodePointText plain(int[] cps) {
            StringBuilder sb = new StringBuilder(cps.length);
            IntList index = new IntList();
            for (int i = 0; i < cps.length; i++) {
                int cp = cps[i] > 0x7F && Unicode.isWhitespace(cps[i]) ? 0x0B : cps[i];
                sb.appendCodePoint(cp);
                index.add(i);
                if (Character.isSupplementaryCodePoint(cp)) index.add(i);
            }
            index.add(cps.length);
            return new CodePointText(sb.toString(), index.toArray());
        }

        private int charIndex(int cpIndex) {
            if (cpIndexOfChar == null) return cpIndex;
            int lo = 0, hi = cpIndexOfChar.length - 1; // first char index whose code point index is cpIndex
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cpIndexOfChar[mid] < cpIndex) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        private int cpIndex(int charIndex) {
            return cpIndexOfChar == null ? charIndex : cpIndexOfChar[charIndex];
        }

        /** Matches and the gaps between them, per segment, as std::regex_iterator over each segment. */
        IntList split(Pattern pattern, IntList lengths) {
            IntList out = new IntList();
            Matcher m = pattern.matcher(text);
            int start = 0;
            for (int k = 0; k < lengths.size(); k++) {
                int end = start + lengths.get(k);
                m.region(charIndex(start), charIndex(end));
                int last = start;
                while (m.find()) {
                    int ms = cpIndex(m.start()), me = cpIndex(m.end());
                    if (ms > last) out.add(ms - last);
                    out.add(me - ms);
                    last = me;
                }
                if (last < end) out.add(end - last);
                start = end;
            }
            return out;
        }
    }
}
