package io.stratus.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReportNumbersTest {

    @Test
    void twoDecimalsReadAsFormatterWritesThem() {
        for (double v : new double[] {0, 0.004, 0.006, 0.05, 1.05, 9.999, 12.3, 100.01, 1234.567, 60000.5}) {
            assertThat(Sandbox.appendTwoDecimals(new StringBuilder(), v).toString())
                    .as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.2f", v));
        }
    }
}
