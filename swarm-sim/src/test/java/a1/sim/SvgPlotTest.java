package a1.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgPlotTest {
    @Test
    void aPlotIsWellFormedSvgWithOneLinePerSeries() throws Exception {
        String svg = new SvgPlot("bytes & <peers>", "peers", "KiB", true)
                .add("a", new double[] {100, 1000, 10000}, new double[] {1, 10, 100})
                .add("b", new double[] {100, 1000}, new double[] {2, Double.NaN}).svg();
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", d.getDocumentElement().getNodeName());
        assertEquals(2, d.getElementsByTagName("polyline").getLength());
        assertEquals(4, d.getElementsByTagName("circle").getLength(), "a NaN is left out");
    }

    @Test
    void mismatchedSeriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SvgPlot("t", "x", "y", false).add("a", new double[] {1}, new double[] {1, 2}));
    }
}
