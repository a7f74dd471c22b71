package io.stratus.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG of latency distributions: one line per subject, latency (log scale) against percentile, where the
 * percentile axis is stretched towards the tail (equal space for 0–90, 90–99 and 99–99.9), as latency distributions
 * are usually drawn, so p50 and p99.9 can be read off the same picture. Drawn with the JDK's own 2D graphics, headless.
 */
final class LatencyChart {

    /** One subject's line. */
    record Line(String label, Samples samples, Color color, boolean dashed) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    /** The right end of the percentile axis: p99.9 (x = log10(1 / (1 − p)) = 3). */
    private static final double MAX_X = 3;
    private static final int POINTS = 600;

    private LatencyChart() {
    }

    /** Draws the lines (subjects without samples are left out) and writes the picture to {@code file}. */
    static void write(String title, List<Line> lines, Path file) throws IOException {
        List<Line> drawn = lines.stream().filter(l -> l.samples().count() > 0).toList();
        if (drawn.isEmpty()) {
            throw new IOException("no samples to draw");
        }
        double low = drawn.stream().mapToDouble(l -> l.samples().percentileMs(0)).min().orElseThrow();
        double high = drawn.stream().mapToDouble(l -> l.samples().percentileMs(99.9)).max().orElseThrow();
        double minDecade = Math.floor(Math.log10(Math.max(low, 1e-3)));
        double maxDecade = Math.ceil(Math.log10(Math.max(high, low * 10)));

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Frame frame = new Frame(minDecade, maxDecade);
            axes(g, frame, title);
            for (Line line : drawn) {
                g.setColor(line.color());
                g.setStroke(line.dashed()
                        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                        : new BasicStroke(2f));
                g.draw(path(line.samples(), frame));
            }
            legend(g, drawn);
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /** Maps percentiles and milliseconds to pixels. */
    private record Frame(double minDecade, double maxDecade) {
        double x(double stretched) {
            return LEFT + stretched / MAX_X * (WIDTH - LEFT - RIGHT);
        }

        double y(double ms) {
            double decade = Math.log10(Math.max(ms, Math.pow(10, minDecade)));
            return HEIGHT - BOTTOM - (decade - minDecade) / (maxDecade - minDecade) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static Path2D path(Samples samples, Frame frame) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i <= POINTS; i++) {
            double stretched = MAX_X * i / POINTS;
            double percent = 100 * (1 - Math.pow(10, -stretched));
            double px = frame.x(stretched);
            double py = frame.y(samples.percentileMs(percent));
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        return path;
    }

    private static void axes(Graphics2D g, Frame frame, String title) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double d = frame.minDecade(); d <= frame.maxDecade(); d++) {
            for (int m : new int[] {1, 2, 5}) {
                double ms = m * Math.pow(10, d);
                if (Math.log10(ms) > frame.maxDecade() + 1e-9) {
                    break;
                }
                int y = (int) Math.round(frame.y(ms));
                g.setColor(m == 1 ? new Color(200, 200, 200) : new Color(235, 235, 235));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.DARK_GRAY);
                String text = formatMs(ms);
                g.drawString(text, LEFT - 8 - g.getFontMetrics().stringWidth(text), y + 4);
            }
        }
        String[] ticks = {"p0", "p50", "p90", "p99", "p99.9"};
        double[] at = {0, Math.log10(2), 1, 2, 3};
        for (int i = 0; i < ticks.length; i++) {
            int x = (int) Math.round(frame.x(at[i]));
            g.setColor(new Color(220, 220, 220));
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(ticks[i], x - g.getFontMetrics().stringWidth(ticks[i]) / 2, HEIGHT - BOTTOM + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString("percentile (sequential requests, concurrency 1)", LEFT, HEIGHT - 18);
        g.rotate(-Math.PI / 2);
        g.drawString("latency (ms, log scale)", -(HEIGHT - BOTTOM), 20);
        g.rotate(Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 30);
    }

    private static void legend(Graphics2D g, List<Line> lines) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int width = lines.stream().mapToInt(l -> g.getFontMetrics().stringWidth(legendText(l))).max().orElse(0) + 50;
        int x = LEFT + 12;
        int y = TOP + 12;
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(x, y, width, lines.size() * 18 + 8);
        g.setColor(Color.GRAY);
        g.drawRect(x, y, width, lines.size() * 18 + 8);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            int ly = y + 16 + i * 18;
            g.setColor(line.color());
            g.setStroke(line.dashed()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(2f));
            g.drawLine(x + 8, ly - 4, x + 36, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(legendText(line), x + 44, ly);
        }
    }

    private static String legendText(Line line) {
        return line.label() + String.format(Locale.ROOT, " (p50 %.3f ms)", line.samples().medianMs());
    }

    private static String formatMs(double ms) {
        return new BigDecimal(ms).round(new MathContext(1)).stripTrailingZeros().toPlainString();
    }
}
