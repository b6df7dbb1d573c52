package io.wschannels.benchmarks.shootout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

    private static final String BEFORE = String.join(
            "\n",
            "12345:",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:          1000          64000  [B (java.base@17.0.15)",
            "   2:           100           2400  java.lang.String (java.base@17.0.15)",
            "Total          1100          66400");

    private static final String AFTER = String.join(
            "\n",
            "12345:",
            " num     #instances         #bytes  class name (module)",
            "-------------------------------------------------------",
            "   1:          3000         192000  [B (java.base@17.0.15)",
            "   2:          1100          26400  java.lang.String (java.base@17.0.15)",
            "   3:           500          28000  org.example.Session",
            "Total          4600         246400");

    @Test
    void parsesTheTotalAndEachClass() {
        Histogram after = Histogram.parse(AFTER);
        assertEquals(246400, after.totalBytes());
        assertEquals(500, after.classes().get("org.example.Session")[0]);
        assertEquals(28000, after.classes().get("org.example.Session")[1]);
    }

    @Test
    void theClassesThatGrewMostPerConnectionComeFirst() {
        List<String> top = Histogram.parse(AFTER).topPerConnection(Histogram.parse(BEFORE), 500, 2);
        assertEquals(List.of("   256.0 B   4.00 objects  [B", "    56.0 B   1.00 objects  org.example.Session"), top);
    }

    @Test
    void outputWithoutATotalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Histogram.parse("12345:\nCould not attach"));
    }
}
