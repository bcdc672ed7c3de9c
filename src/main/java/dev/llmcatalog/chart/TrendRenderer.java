package dev.llmcatalog.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DateFormat;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.SVGUtils;

/**
 * Draws a {@link Trend} as SVG with JFreeChart and JFreeSVG. The same trend gives the same bytes on a machine: no
 * time, no random ids (JFreeSVG's defs prefix comes from the clock unless set), dates in UTC and numbers and month
 * names in English whatever the machine's zone and locale. Transparent, with mid-tone colours that read on a light
 * and on a dark page; text stays text, in a font list that has CJK fallbacks for model names.
 */
final class TrendRenderer {
  static final int WIDTH = 800;
  static final int HEIGHT = 420;
  /**
   * The SVG font-family of all text: common sans-serif faces, then CJK ones, then the generic family. Double quotes:
   * JFreeSVG puts it inside a single-quoted style attribute.
   */
  static final String FONT_FAMILIES = "\"Noto Sans\", \"Segoe UI\", \"Helvetica Neue\", Arial, \"Noto Sans CJK SC\","
      + " \"Source Han Sans SC\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\","
      + " \"Noto Sans JP\", sans-serif";
  /** Mid-tone colours (relative luminance about 0.1 to 0.3): at least 3:1 against white and against GitHub's dark grey. */
  private static final List<Color> PALETTE = List.of(new Color(0x1C7ED6), new Color(0xE8590C), new Color(0x2F9E44),
      new Color(0xC2255C), new Color(0x7048E8), new Color(0x0C8599), new Color(0xE67700), new Color(0x868E96));
  private static final Color TEXT = new Color(0x80, 0x88, 0x90);
  private static final Color GRID = new Color(0x80, 0x88, 0x90, 0x60);
  private static final Locale NUMBERS = Locale.ENGLISH;
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  static {
    // JFreeChart draws rotated text (the value axis' label) as a TextLayout, which JFreeSVG can only write as glyph
    // outlines; without the workaround it rotates the graphics and draws a string, which stays <text>.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private TrendRenderer() {}

  static String svg(Trend trend) {
    if (trend.series().size() > PALETTE.size()) {
      throw new IllegalArgumentException(trend.series().size() + " series for " + PALETTE.size() + " colours: " + trend.title());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (Trend.Series s : trend.series()) {
      XYSeries series = new XYSeries(s.name(), true, true);
      s.points().forEach(p -> series.add(p.at().toEpochMilli(), p.value()));
      data.addSeries(series);
    }
    XYLineAndShapeRenderer lines = new PointGroups();
    for (int i = 0; i < trend.series().size(); i++) {
      lines.setSeriesPaint(i, PALETTE.get(i));
      lines.setSeriesStroke(i, new BasicStroke(2f));
      lines.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
    }
    XYPlot plot = new XYPlot(data, timeAxis(), valueAxis(trend), lines);
    plot.setBackgroundPaint(null);
    plot.setOutlinePaint(null);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setNoDataMessage("no data yet (run llm-catalog sync)");
    plot.setNoDataMessageFont(font(Font.PLAIN, 14));
    plot.setNoDataMessagePaint(TEXT);

    JFreeChart chart = new JFreeChart(null, null, plot, true);
    chart.setBackgroundPaint(null);
    chart.setTitle(new TextTitle(trend.title(), font(Font.BOLD, 16)));
    chart.getTitle().setPaint(TEXT);
    LegendTitle legend = chart.getLegend();
    legend.setBackgroundPaint(null);
    legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    legend.setItemPaint(TEXT);
    legend.setItemFont(font(Font.PLAIN, 12));
    legend.setPosition(RectangleEdge.BOTTOM);

    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setDefsKeyPrefix("llm-catalog-");
    g.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
    g.setTransformDoubleConverter(SVGUtils.createDoubleConverter(4));
    g.setFontFunction(family -> FONT_FAMILIES);
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGDocument() + "\n";
  }

  /**
   * Lines and a dot per point, each dot in its own SVG group {@code <g id='point-S-I'>} (series S, item I), so that a
   * reader of the file (a test, a script) finds the points without knowing how JFreeSVG groups shapes by style.
   */
  private static final class PointGroups extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;

    PointGroups() {
      super(true, true);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info, XYPlot plot,
        ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item, CrosshairState crosshair,
        int pass) {
      boolean dot = isItemPass(pass);
      if (dot) {
        g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, "point-" + series + "-" + item);
      }
      super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshair, pass);
      if (dot) {
        g2.setRenderingHint(SVGHints.KEY_END_GROUP, "point-" + series + "-" + item);
      }
    }
  }

  /** Dates in UTC, ticks of a day or more (snapshot times of day would only crowd the axis). */
  private static DateAxis timeAxis() {
    DateAxis time = new DateAxis("UTC", UTC, NUMBERS);
    style(time);
    TickUnits units = new TickUnits();
    for (int days : new int[] {1, 2, 7, 14}) {
      units.add(new DateTickUnit(DateTickUnitType.DAY, days, format("yyyy-MM-dd")));
    }
    for (int months : new int[] {1, 3, 6}) {
      units.add(new DateTickUnit(DateTickUnitType.MONTH, months, format("yyyy-MM")));
    }
    units.add(new DateTickUnit(DateTickUnitType.YEAR, 1, format("yyyy")));
    time.setStandardTickUnits(units);
    // At least two days, so that the points of one snapshot still get a date on the axis.
    time.setAutoRangeMinimumSize(2 * 86_400_000d);
    return time;
  }

  private static DateFormat format(String pattern) {
    SimpleDateFormat format = new SimpleDateFormat(pattern, NUMBERS);
    format.setTimeZone(UTC);
    return format;
  }

  private static NumberAxis valueAxis(Trend trend) {
    NumberAxis values = new NumberAxis(trend.valueLabel());
    style(values);
    values.setAutoRangeIncludesZero(false);
    values.setStandardTickUnits(NumberAxis.createStandardTickUnits(NUMBERS));
    if (trend.compact()) {
      NumberFormat compact = NumberFormat.getCompactNumberInstance(NUMBERS, NumberFormat.Style.SHORT);
      compact.setMaximumFractionDigits(2);
      values.setNumberFormatOverride(compact);
    }
    return values;
  }

  private static void style(ValueAxis axis) {
    axis.setLabelFont(font(Font.PLAIN, 12));
    axis.setLabelPaint(TEXT);
    axis.setTickLabelFont(font(Font.PLAIN, 11));
    axis.setTickLabelPaint(TEXT);
    axis.setAxisLinePaint(TEXT);
    axis.setTickMarkPaint(TEXT);
  }

  /** Java's logical sans-serif font measures the text (with the machine's fallbacks); the SVG names {@link #FONT_FAMILIES}. */
  private static Font font(int style, int size) {
    return new Font(Font.SANS_SERIF, style, size);
  }
}
