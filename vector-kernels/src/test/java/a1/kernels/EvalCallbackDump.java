package a1.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One tensor from a llama-eval-callback dump in ../shared/golden: the printed rows (first and last three values
 * of each shown row, 4 decimals) and the printed "sum", which (checked against numpy) is the sum of the printed
 * values only, not of the whole tensor.
 */
record EvalCallbackDump(List<double[]> rows, double sum) {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern HEADER = Pattern.compile("ggml_debug:\\s+(.+?) = \\(\\w+\\)\\s+(\\w+)\\(.*");

    /** The {@code occurrence}-th (0-based) tensor called {@code name} with operation {@code op}. */
    static EvalCallbackDump read(Path file, String name, String op, int occurrence) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = HEADER.matcher(lines.get(i));
            if (!h.matches() || !h.group(1).equals(name) || !h.group(2).equals(op)) continue;
            if (seen++ < occurrence) continue;
            List<double[]> rows = new ArrayList<>();
            for (int j = i + 1; j < lines.size(); j++) {
                String row = lines.get(j).trim();
                if (row.startsWith("sum = ")) return new EvalCallbackDump(rows, Double.parseDouble(row.substring(6)));
                if (!row.startsWith("[") || row.startsWith("[ ]") || !NUMBER.matcher(row).find()) continue;
                Matcher m = NUMBER.matcher(row);
                List<Double> values = new ArrayList<>();
                while (m.find()) values.add(Double.parseDouble(m.group()));
                rows.add(values.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        throw new IllegalArgumentException("no tensor " + name + " (" + op + ") #" + occurrence + " in " + file);
    }
}
