package dev.mlops.data.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The reports' charts (model, scoping, drift), drawn by JFreeChart onto JFreeSVG's SVG canvas (docs/decisions/132,
 * 217): vector, inline, with axes, titles and legends, and deterministic (each chart's defs carry the id it is given,
 * never a clock). Each method returns one {@code <svg>} element for a self-contained page.
 */
public final class Charts {
    /** The default chart width in pixels. */
    public static final int WIDTH = 460;
    /** The default chart height in pixels. */
    public static final int HEIGHT = 320;
    private static final Color BLUE = new Color(9, 105, 218);
    private static final Color ORANGE = new Color(219, 109, 40);
    private static final Color RED = new Color(207, 34, 46);
    private static final Color GREY = new Color(140, 149, 159);
    private static final Color[] SERIES = {BLUE, ORANGE, new Color(26, 127, 55), new Color(130, 80, 223),
        new Color(191, 135, 0), new Color(191, 57, 137)};
    private static final StandardChartTheme THEME = theme();

    private Charts() {
    }

    /** One line of a line chart. */
    public record Line(String name, double[] x, double[] y, boolean markers) {
    }

    /** A line chart; a {@code diagonal} name adds the dashed y = x reference of ROC and calibration plots. */
    public static String lines(String id, String title, String xLabel, String yLabel, List<Line> lines, String diagonal,
                        boolean unitAxes) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line l : lines) {
            XYSeries s = new XYSeries(l.name(), false, true);
            for (int i = 0; i < l.x().length; i++) {
                if (Double.isFinite(l.x()[i]) && Double.isFinite(l.y()[i])) {
                    s.add(l.x()[i], l.y()[i]);
                }
            }
            data.addSeries(s);
        }
        if (diagonal != null) {
            XYSeries d = new XYSeries(diagonal, false, true);
            d.add(0, 0);
            d.add(1, 1);
            data.addSeries(d);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        THEME.apply(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            r.setSeriesPaint(i, SERIES[i % SERIES.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShapesVisible(i, lines.get(i).markers());
        }
        if (diagonal != null) {
            r.setSeriesPaint(lines.size(), GREY);
            r.setSeriesStroke(lines.size(), new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {4f, 4f}, 0f));
        }
        plot.setRenderer(r);
        if (unitAxes) {
            ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
            ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
        } else {
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        return svg(id, chart, WIDTH, HEIGHT);
    }

    /** A confusion matrix as a heat map: rows are the truth, columns the prediction, each cell with its count. */
    public static String confusion(String id, List<String> classes, long[][] counts) {
        int k = classes.size();
        double[][] xyz = new double[3][k * k];
        long max = 1;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                xyz[0][i] = p;
                xyz[1][i] = k - 1 - t;
                xyz[2][i] = counts[t][p];
                max = Math.max(max, counts[t][p]);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("rows", xyz);
        String[] labels = classes.toArray(String[]::new);
        String[] reversed = new String[k];
        for (int i = 0; i < k; i++) {
            reversed[i] = labels[k - 1 - i];
        }
        SymbolAxis x = new SymbolAxis("predicted", labels);
        SymbolAxis y = new SymbolAxis("true", reversed);
        XYBlockRenderer r = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, max + 1.0, Color.WHITE);
        for (int step = 0; step <= 20; step++) {
            float share = step / 20f;
            scale.add(max * (double) share, new Color(1 - share * 0.96f, 1 - share * 0.59f, 1 - share * 0.15f));
        }
        r.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, r);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        for (int i = 0; i < k * k; i++) {
            XYTextAnnotation a = new XYTextAnnotation(Long.toString((long) xyz[2][i]), xyz[0][i], xyz[1][i]);
            a.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            a.setPaint(xyz[2][i] > max * 0.55 ? Color.WHITE : Color.BLACK);
            plot.addAnnotation(a);
        }
        JFreeChart chart = new JFreeChart("Confusion matrix", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        THEME.apply(chart);
        chart.addSubtitle(new TextTitle("rows: true class, columns: predicted class"));
        int side = Math.max(HEIGHT, 60 * k + 120);
        return svg(id, chart, Math.max(WIDTH, side), side);
    }

    /** Horizontal bars, one per category in the given order; categories in {@code marked} are drawn in red. */
    public static String bars(String id, String title, String valueLabel, List<String> categories, double[] values,
                       java.util.Set<String> marked, String legend) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < categories.size(); i++) {
            data.addValue(values[i], valueLabel, categories.get(i));
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, data, PlotOrientation.HORIZONTAL,
                false, false, false);
        THEME.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return marked.contains(categories.get(column)) ? RED : BLUE;
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.08);
        plot.setRenderer(r);
        if (legend != null) {
            chart.addSubtitle(new TextTitle(legend));
        }
        return svg(id, chart, WIDTH, Math.max(HEIGHT, 22 * categories.size() + 110));
    }

    /**
     * Grouped vertical bars: one group per category, one bar per series (in the order given), with a legend; for
     * comparing two models metric by metric.
     */
    public static String groupedBars(String id, String title, String valueLabel, List<String> categories,
                                     java.util.Map<String, double[]> series) {
        return groupedBars(id, title, valueLabel, categories, series, Math.max(WIDTH, 70 * categories.size() + 120),
                HEIGHT);
    }

    /** Grouped vertical bars of a given size; more than five categories have their labels turned 45 degrees. */
    public static String groupedBars(String id, String title, String valueLabel, List<String> categories,
                                     java.util.Map<String, double[]> series, int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (java.util.Map.Entry<String, double[]> s : series.entrySet()) {
            for (int i = 0; i < categories.size(); i++) {
                data.addValue(s.getValue()[i], s.getKey(), categories.get(i));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        THEME.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int k = 0; k < series.size(); k++) {
            r.setSeriesPaint(k, SERIES[k % SERIES.length]);
        }
        r.setItemMargin(0.0);
        if (categories.size() > 5) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        return svg(id, chart, width, height);
    }

    /** Mean and standard deviation per category, as bars with error whiskers. */
    public static String meanAndSpread(String id, String title, String categoryLabel, String valueLabel,
                                       List<String> categories, double[] means, double[] spreads, int best) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (int i = 0; i < categories.size(); i++) {
            data.add(means[i], spreads[i], valueLabel, categories.get(i));
        }
        JFreeChart chart = ChartFactory.createLineChart(title, categoryLabel, valueLabel, data, PlotOrientation.VERTICAL,
                false, false, false);
        THEME.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer r = new StatisticalBarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return column == best ? ORANGE : BLUE;
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setErrorIndicatorPaint(Color.BLACK);
        r.setMaximumBarWidth(0.08);
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        if (categories.size() > 8) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        chart.addSubtitle(new TextTitle("bar: mean over folds, whisker: ± one standard deviation, orange: best"));
        return svg(id, chart, WIDTH, HEIGHT);
    }

    private static String svg(String id, JFreeChart chart, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(id);
    }

    private static StandardChartTheme theme() {
        StandardChartTheme t = new StandardChartTheme("mlops");
        t.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        t.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        t.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        t.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        t.setPlotBackgroundPaint(Color.WHITE);
        t.setDomainGridlinePaint(new Color(216, 222, 228));
        t.setRangeGridlinePaint(new Color(216, 222, 228));
        t.setBarPainter(new StandardBarPainter());
        t.setShadowVisible(false);
        return t;
    }

    /** A number for an axis category or tooltip. */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
