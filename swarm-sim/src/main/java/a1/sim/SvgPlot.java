package a1.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A minimal line chart as SVG: named series of (x, y) points, linear or log-10 x axis, a legend and tick labels. */
final class SvgPlot {
    record Series(String name, double[] x, double[] y) {}

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int W = 640, H = 400, LEFT = 80, RIGHT = 20, TOP = 40, BOTTOM = 60;

    private final String title, xLabel, yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    SvgPlot(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    SvgPlot add(String name, double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) throw new IllegalArgumentException("series " + name + " needs as many x as y values, at least one");
        series.add(new Series(name, x, y));
        return this;
    }

    String svg() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                x0 = Math.min(x0, fx(s.x[i]));
                x1 = Math.max(x1, fx(s.x[i]));
                if (Double.isFinite(s.y[i])) y1 = Math.max(y1, s.y[i]);
            }
        }
        if (x1 == x0) x1 = x0 + 1;
        y1 = y1 == 0 ? 1 : niceCeil(y1);
        StringBuilder b = new StringBuilder();
        b.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H));
        b.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H));
        b.append(f("<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">%s</text>\n", W / 2, esc(title)));
        int pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
        b.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", LEFT, TOP, pw, ph));
        for (int i = 0; i <= 4; i++) {
            double v = y1 * i / 4;
            double y = TOP + ph - ph * v / y1;
            b.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, y, LEFT + pw, y));
            b.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, y + 4, num(v)));
        }
        for (double t : xTicks(x0, x1)) {
            double x = LEFT + pw * (t - x0) / (x1 - x0);
            b.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, TOP + ph + 18, num(logX ? Math.pow(10, t) : t)));
        }
        b.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", LEFT + pw / 2, H - 18, esc(xLabel)));
        b.append(f("<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">%s</text>\n", TOP + ph / 2, TOP + ph / 2, esc(yLabel)));
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            String color = COLORS[s % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < se.x.length; i++) {
                if (!Double.isFinite(se.y[i])) continue;
                double x = LEFT + pw * (fx(se.x[i]) - x0) / (x1 - x0), y = TOP + ph - ph * se.y[i] / y1;
                pts.append(f("%.1f,%.1f ", x, y));
                b.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x, y, color));
            }
            b.append(f("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", pts.toString().trim(), color));
            b.append(f("<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>\n", LEFT + 10, TOP + 16 + 16 * s, color, esc(se.name)));
        }
        return b.append("</svg>\n").toString();
    }

    private double fx(double x) {
        return logX ? Math.log10(x) : x;
    }

    private List<Double> xTicks(double x0, double x1) {
        List<Double> t = new ArrayList<>();
        if (logX) {
            for (double e = Math.ceil(x0); e <= x1 + 1e-9; e++) t.add(e);
        } else {
            for (int i = 0; i <= 4; i++) t.add(x0 + (x1 - x0) * i / 4);
        }
        return t;
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static String num(double v) {
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-2)) return String.format(Locale.ROOT, "%.1e", v);
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
