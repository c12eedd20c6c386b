package io.onsale.loadgen.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Two panels over one time axis: tickets per second (held, lighter, behind sold) above, the waiting room's length
 * below. Series are drawn as steps, each value over its whole second, since each is a count for that second.
 */
final class Chart {

    static final Color BACKGROUND = Color.WHITE;
    static final Color HELD = new Color(0xA6C8E8);
    static final Color SOLD = new Color(0x1F4E9A);
    static final Color QUEUE = new Color(0xF6B26B);
    private static final Color QUEUE_EDGE = new Color(0xC0590A);
    private static final Color GRID = new Color(0xE6E6E6);
    private static final Color FRAME = new Color(0x999999);
    private static final Color TEXT = new Color(0x222222);
    private static final Color NOTE = new Color(0x666666);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 60;
    private static final int GAP = 50;

    private final int width;
    private final int height;

    Chart(int width, int height) {
        this.width = width;
        this.height = height;
    }

    BufferedImage render(SaleSeries sale) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            title(g, sale);
            int panelHeight = (height - TOP - BOTTOM - GAP) / 2;
            Ticks time = Ticks.covering(sale.seconds(), 10);
            Panel tickets = new Panel(
                    TOP,
                    panelHeight,
                    time,
                    Ticks.covering(Math.max(peak(sale.heldPerSecond()), peak(sale.soldPerSecond())), 5));
            Panel queue =
                    new Panel(TOP + panelHeight + GAP, panelHeight, time, Ticks.covering(peak(sale.queueLength()), 5));
            tickets.axes(g, "tickets per second", false);
            queue.axes(g, "buyers in the waiting room", true);
            tickets.bars(g, sale.heldPerSecond(), HELD, 1.0);
            // Narrower, so the held bar behind still shows when both are drawn for the same second.
            tickets.bars(g, sale.soldPerSecond(), SOLD, 0.6);
            queue.area(g, sale.queueLength());
            tickets.legend(g, new String[] {"held", "sold (payment confirmed)"}, new Color[] {HELD, SOLD});
            queue.legend(g, new String[] {"queue length (sampled each second)"}, new Color[] {QUEUE});
            if (sale.seconds() == 0) {
                g.setColor(NOTE);
                g.drawString("no per-second series in this report", LEFT + 10, TOP + 20);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void title(Graphics2D g, SaleSeries sale) {
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(
                String.format(
                        "On-sale %s: %,d buyers, %,d seats", date(sale.saleOpensAt()), sale.buyers(), sale.seats()),
                LEFT,
                30);
        g.setColor(NOTE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(
                String.format(
                        "event %s; %,d tickets sold; per second since the sale opened",
                        sale.eventId(), sale.ticketsSold()),
                LEFT,
                52);
    }

    static String date(String instant) {
        try {
            return DATE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }

    private static long peak(long[] values) {
        long peak = 0;
        for (long v : values) {
            peak = Math.max(peak, v);
        }
        return peak;
    }

    /** One panel: its own y scale, the shared x scale. */
    private final class Panel {

        private final int top;
        private final int panelHeight;
        private final int plotWidth = width - LEFT - RIGHT;
        private final Ticks time;
        private final Ticks values;

        Panel(int top, int panelHeight, Ticks time, Ticks values) {
            this.top = top;
            this.panelHeight = panelHeight;
            this.time = time;
            this.values = values;
        }

        int x(double second) {
            return LEFT + (int) Math.round(second / time.max() * plotWidth);
        }

        int y(double value) {
            return top + panelHeight - (int) Math.round(value / values.max() * panelHeight);
        }

        void axes(Graphics2D g, String yLabel, boolean xLabel) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i <= values.count(); i++) {
                double value = i * values.step();
                int y = y(value);
                g.setColor(GRID);
                g.drawLine(LEFT, y, LEFT + plotWidth, y);
                g.setColor(TEXT);
                String label = Ticks.label(value);
                g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
            for (int i = 0; i <= time.count(); i++) {
                double second = i * time.step();
                int x = x(second);
                g.setColor(FRAME);
                g.drawLine(x, top + panelHeight, x, top + panelHeight + 4);
                g.setColor(TEXT);
                String label = Ticks.label(second);
                g.drawString(label, x - fm.stringWidth(label) / 2, top + panelHeight + 6 + fm.getAscent());
            }
            g.setColor(FRAME);
            g.drawRect(LEFT, top, plotWidth, panelHeight);
            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            fm = g.getFontMetrics();
            AffineTransform before = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(top + panelHeight / 2 + fm.stringWidth(yLabel) / 2), 22);
            g.setTransform(before);
            if (xLabel) {
                String label = "seconds since the sale opened";
                g.drawString(label, LEFT + plotWidth / 2 - fm.stringWidth(label) / 2, top + panelHeight + 42);
            }
        }

        void bars(Graphics2D g, long[] series, Color color, double share) {
            g.setColor(color);
            for (int i = 0; i < series.length; i++) {
                if (series[i] <= 0) {
                    continue;
                }
                int left = x(i);
                int full = Math.max(1, x(i + 1) - left);
                int barWidth = Math.max(1, (int) Math.round(full * share));
                int y = y(series[i]);
                g.fillRect(left + (full - barWidth) / 2, y, barWidth, top + panelHeight - y);
            }
        }

        void area(Graphics2D g, long[] series) {
            if (series.length == 0) {
                return;
            }
            Polygon shape = new Polygon();
            shape.addPoint(x(0), y(0));
            for (int i = 0; i < series.length; i++) {
                shape.addPoint(x(i), y(series[i]));
                shape.addPoint(x(i + 1), y(series[i]));
            }
            shape.addPoint(x(series.length), y(0));
            g.setColor(QUEUE);
            g.fillPolygon(shape);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(1.5f));
            g.setColor(QUEUE_EDGE);
            g.drawPolygon(shape);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setStroke(new BasicStroke(1f));
        }

        void legend(Graphics2D g, String[] labels, Color[] colors) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            int right = LEFT + plotWidth - 10;
            int y = top + 10;
            for (int i = labels.length - 1; i >= 0; i--) {
                int textWidth = fm.stringWidth(labels[i]);
                g.setColor(TEXT);
                g.drawString(labels[i], right - textWidth, y + fm.getAscent() - 1);
                g.setColor(colors[i]);
                g.fillRect(right - textWidth - 18, y + 1, 12, 12);
                right -= textWidth + 34;
            }
        }
    }
}
