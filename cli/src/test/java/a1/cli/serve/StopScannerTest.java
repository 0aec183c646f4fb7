package a1.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** However the text arrives in pieces, what passes is the text before the first completed stop sequence, and nothing after it. */
class StopScannerTest {

    /**
     * The independent reference, one character at a time as a generator produces them: the text before the first
     * stop sequence the growing text ends with (the longest, when several end there).
     */
    private static String cut(String text, List<String> stops) {
        for (int end = 1; end <= text.length(); end++) {
            int start = Integer.MAX_VALUE;
            for (String s : stops) if (text.startsWith(s, end - s.length()) && end >= s.length()) start = Math.min(start, end - s.length());
            if (start != Integer.MAX_VALUE) return text.substring(0, start);
        }
        return text;
    }

    @Test
    void randomPiecesGiveTheSameCutAsTheWholeText() {
        SplittableRandom rnd = new SplittableRandom(1);
        String alphabet = "ab \n.";
        for (int trial = 0; trial < 2000; trial++) {
            StringBuilder text = new StringBuilder();
            int len = rnd.nextInt(40);
            for (int i = 0; i < len; i++) text.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            List<String> stops = new ArrayList<>();
            for (int k = rnd.nextInt(3); k >= 0; k--) {
                StringBuilder s = new StringBuilder();
                for (int i = 1 + rnd.nextInt(4); i > 0; i--) s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                stops.add(s.toString());
            }
            StringBuilder passed = new StringBuilder();
            StopScanner scanner = new StopScanner(stops, passed::append);
            boolean stopped = false;
            for (int at = 0; at < text.length() && !stopped; ) {
                int end = Math.min(text.length(), at + rnd.nextInt(5));
                stopped = scanner.offer(text.substring(at, end));
                at = end;
            }
            if (!stopped) scanner.finish();
            String expected = cut(text.toString(), stops);
            assertEquals(expected, passed.toString(), "text '" + text + "' stops " + stops);
            assertEquals(expected, scanner.text());
            assertEquals(expected.length() < text.length(), stopped);
        }
    }

    @Test
    void textIsHeldOnlyWhileItMayStartAStop() {
        List<String> passed = new ArrayList<>();
        StopScanner s = new StopScanner(List.of("END"), passed::add);
        s.offer("hello E");
        assertEquals(List.of("hello "), passed);
        s.offer("Nx");
        assertEquals(List.of("hello ", "ENx"), passed);
    }
}
