package org.openvitals.core.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.openvitals.core.insights.Anomaly;
import org.openvitals.core.insights.Correlation;
import org.openvitals.core.insights.DailySeries;
import org.openvitals.core.insights.Evidence;
import org.openvitals.core.insights.Insight;
import org.openvitals.core.insights.InsightData;
import org.openvitals.core.insights.InsightReport;
import org.openvitals.core.insights.InsightText;
import org.openvitals.core.insights.Insights;
import org.openvitals.core.insights.Trend;
import org.openvitals.core.insights.ValueFormat;
import org.openvitals.core.model.MetricType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One week on one page: the week's figures against the week before, the changes larger than the
 * day-to-day noise, the week's days outside their normal range and the best-supported correlations
 * of the 90 days up to the week's end. Every insight links to an appendix listing the days behind
 * it, and each day outside its range comes with the explanation of its value (the text {@code
 * openvitals explain} prints).
 *
 * <p>The page is built as an XHTML document with the JDK's DOM (so every text is escaped), written
 * as HTML, or laid out as PDF by OpenHTMLtoPDF (PDFBox). It links to nothing outside itself.
 */
public final class WeeklyReport {
  /** Days of correlations and trends behind a week's report. */
  public static final int CONTEXT_DAYS = 90;

  /** The correlations shown, best supported first. */
  static final int CORRELATIONS_SHOWN = 3;

  private static final String STYLE =
      """
      @page { size: A4; margin: 16mm 14mm; }
      body { font-family: sans-serif; font-size: 10pt; color: #1f2328; }
      h1 { font-size: 17pt; margin: 0 0 2pt 0; }
      h2 { font-size: 12pt; margin: 14pt 0 4pt 0; border-bottom: 1px solid #d0d7de; }
      h3 { font-size: 10.5pt; margin: 10pt 0 3pt 0; }
      p.sub { color: #59636e; margin: 0 0 8pt 0; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 2pt 6pt 2pt 0; border-bottom: 1px solid #eaeef2; }
      td.n, th.n { text-align: right; }
      li { margin-bottom: 4pt; }
      a { color: #0969da; text-decoration: none; }
      pre { font-size: 8pt; white-space: pre-wrap; background: #f6f8fa; padding: 4pt; }
      .appendix { page-break-before: always; }
      """;

  private final LocalDate monday;
  private final InsightData data;
  private final InsightReport insights;
  private final Function<Evidence, String> explain;
  private final InsightText text = InsightText.canonical();

  private WeeklyReport(LocalDate monday, InsightData data, Function<Evidence, String> explain) {
    this.monday = monday;
    this.data = data;
    this.explain = explain;
    LocalDate sunday = monday.plusDays(6);
    this.insights = Insights.of(data, sunday.minusDays(CONTEXT_DAYS - 1L), sunday);
  }

  /**
   * The report of the ISO week starting {@code monday}.
   *
   * @param data the daily series up to the week's Sunday (see {@link #dataFrom})
   * @param explain the explanation text of a day's value
   */
  public static WeeklyReport of(
      LocalDate monday, InsightData data, Function<Evidence, String> explain) {
    if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException("A week starts on a Monday, not on " + monday);
    }
    return new WeeklyReport(monday, data, explain);
  }

  /** The first day of the period whose insights the report of {@code monday}'s week shows. */
  public static LocalDate dataFrom(LocalDate monday) {
    return monday.plusDays(6).minusDays(CONTEXT_DAYS - 1L);
  }

  /** The Monday of an ISO week written {@code 2026-W48}. */
  public static LocalDate parseWeek(String week) {
    var m = java.util.regex.Pattern.compile("(\\d{4})-W(\\d{2})").matcher(week.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + week + "' is not an ISO week: write it as YYYY-Www, for example 2026-W48");
    }
    int year = Integer.parseInt(m.group(1));
    int number = Integer.parseInt(m.group(2));
    LocalDate mid = LocalDate.of(year, 6, 1);
    long weeks = IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(mid).getMaximum();
    if (number < 1 || number > weeks) {
      throw new IllegalArgumentException(
          "Week " + number + " does not exist in " + year + " (it has " + weeks + " weeks)");
    }
    try {
      return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + week + "' is not an ISO week", e);
    }
  }

  /** The ISO week of {@code day}, written {@code 2026-W48}. */
  public static String weekOf(LocalDate day) {
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        day.get(IsoFields.WEEK_BASED_YEAR),
        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  public LocalDate monday() {
    return monday;
  }

  public InsightReport insights() {
    return insights;
  }

  /** The trends shown: every significant one, by metric. */
  public List<Trend> changes() {
    return insights.significantTrends();
  }

  /** The week's days outside their normal range, oldest first. */
  public List<Anomaly> anomalies() {
    return insights.anomalies().stream()
        .filter(a -> !a.date().isBefore(monday))
        .sorted(java.util.Comparator.comparing(Anomaly::date))
        .toList();
  }

  /** The best-supported correlations (lowest q-value first). */
  public List<Correlation> correlations() {
    return insights.correlations().stream()
        .sorted(java.util.Comparator.comparingDouble(Correlation::qValue))
        .limit(CORRELATIONS_SHOWN)
        .toList();
  }

  /** The report as an XHTML document. */
  public Document document() {
    Document doc = newDocument();
    Element html = add(doc, doc, "html");
    html.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
    html.setAttribute("lang", "en");
    Element head = add(doc, html, "head");
    add(doc, head, "meta").setAttribute("charset", "UTF-8");
    add(doc, head, "title", "OpenVitals weekly report " + weekOf(monday));
    add(doc, head, "style", STYLE);
    Element body = add(doc, html, "body");
    LocalDate sunday = monday.plusDays(6);
    add(doc, body, "h1", "Your week " + weekOf(monday));
    add(
            doc,
            body,
            "p",
            InsightText.day(monday)
                + " to "
                + InsightText.day(sunday)
                + ". Merged from your sources by your rules; every figure links to the days behind it.")
        .setAttribute("class", "sub");

    add(doc, body, "h2", "The week's figures");
    figures(doc, body);

    add(doc, body, "h2", "Changes larger than the day-to-day noise");
    list(doc, body, changes(), "No metric changed by more than its usual day-to-day noise.");

    add(doc, body, "h2", "Days outside your normal range");
    list(doc, body, anomalies(), "No day this week was outside its normal range.");

    add(doc, body, "h2", "Best-supported correlations (last " + CONTEXT_DAYS + " days)");
    list(
        doc,
        body,
        correlations(),
        "No correlation between the pairs tested ("
            + insights.correlationsTested()
            + " pairs and lags) was strong enough to report.");

    appendix(doc, body);
    return doc;
  }

  private void figures(Document doc, Element body) {
    Element table = add(doc, body, "table");
    Element head = add(doc, table, "tr");
    add(doc, head, "th", "Metric");
    add(doc, head, "th", "This week").setAttribute("class", "n");
    add(doc, head, "th", "Days").setAttribute("class", "n");
    add(doc, head, "th", "Week before").setAttribute("class", "n");
    add(doc, head, "th", "Change").setAttribute("class", "n");
    LocalDate sunday = monday.plusDays(6);
    for (MetricType m : Insights.TREND_METRICS) {
      DailySeries s = data.get(m);
      if (s == null || s.count(monday, sunday) == 0) {
        continue;
      }
      double[] now = s.values(monday, sunday);
      double[] before = s.values(monday.minusDays(7), monday.minusDays(1));
      double mean = mean(now);
      Element row = add(doc, table, "tr");
      Element name = add(doc, row, "td");
      Element link = add(doc, name, "a", m.displayName());
      link.setAttribute("href", "#" + figuresAnchor(m));
      add(doc, row, "td", ValueFormat.CANONICAL.amount(m, mean)).setAttribute("class", "n");
      add(doc, row, "td", now.length + " of 7").setAttribute("class", "n");
      add(doc, row, "td", before.length == 0 ? "-" : ValueFormat.CANONICAL.amount(m, mean(before)))
          .setAttribute("class", "n");
      String change =
          before.length == 0
              ? "-"
              : (mean >= mean(before) ? "+" : "-")
                  + ValueFormat.CANONICAL.amount(m, Math.abs(mean - mean(before)));
      add(doc, row, "td", change).setAttribute("class", "n");
    }
  }

  private void list(Document doc, Element body, List<? extends Insight> items, String none) {
    if (items.isEmpty()) {
      add(doc, body, "p", none);
      return;
    }
    Element ul = add(doc, body, "ul");
    for (Insight i : items) {
      Element li = add(doc, ul, "li");
      add(doc, li, "b", text.title(i) + ". ");
      li.appendChild(doc.createTextNode(text.sentence(i) + " "));
      add(doc, li, "a", "The " + i.days() + " days behind it.")
          .setAttribute("href", "#" + anchor(i));
    }
  }

  private void appendix(Document doc, Element body) {
    Element section = add(doc, body, "div");
    section.setAttribute("class", "appendix");
    add(doc, section, "h2", "The days behind each figure");
    add(
            doc,
            section,
            "p",
            "Each value is the day's merged value; 'openvitals explain --metric"
                + " METRIC --date DAY' shows how it was merged from your sources.")
        .setAttribute("class", "sub");
    LocalDate sunday = monday.plusDays(6);
    for (MetricType m : Insights.TREND_METRICS) {
      DailySeries s = data.get(m);
      if (s != null && s.count(monday, sunday) > 0) {
        days(
            doc,
            section,
            figuresAnchor(m),
            m.displayName() + ", this week and the week before",
            s.evidence(monday.minusDays(7), sunday));
      }
    }
    List<Insight> shown = new ArrayList<>(changes());
    shown.addAll(anomalies());
    shown.addAll(correlations());
    for (Insight i : shown) {
      days(doc, section, anchor(i), text.title(i), i.evidence());
      if (i instanceof Anomaly a) {
        add(doc, section, "pre", explain.apply(a.evidence().getFirst()));
      }
    }
  }

  private void days(Document doc, Element parent, String id, String title, List<Evidence> days) {
    Element h = add(doc, parent, "h3", title);
    h.setAttribute("id", id);
    Element table = add(doc, parent, "table");
    Element head = add(doc, table, "tr");
    add(doc, head, "th", "Day");
    add(doc, head, "th", "Metric");
    add(doc, head, "th", "Value").setAttribute("class", "n");
    add(doc, head, "th", "Source");
    for (Evidence e : days) {
      Element row = add(doc, table, "tr");
      add(doc, row, "td", e.date().toString());
      add(doc, row, "td", e.metric().id());
      add(doc, row, "td", ValueFormat.CANONICAL.amount(e.metric(), e.value()))
          .setAttribute("class", "n");
      add(doc, row, "td", e.source() == null ? "none (counted as 0)" : e.source().key());
    }
  }

  /** The report as an HTML file's text. */
  public String html() {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.METHOD, "xml");
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      StringWriter out = new StringWriter();
      out.write("<!DOCTYPE html>\n");
      transformer.transform(new DOMSource(document()), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("The report's document always serialises", e);
    }
  }

  /** Lays the report out as PDF. */
  public void pdf(OutputStream out) throws IOException {
    PdfLog.install();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.withW3cDocument(document(), null);
    builder.toStream(out);
    builder.run();
  }

  /**
   * Writes the report to {@code file}, as PDF when its name ends in {@code .pdf}, else as HTML. The
   * file appears only when complete (written beside it, then moved into place).
   */
  public void write(Path file) {
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try {
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
        try (OutputStream out = Files.newOutputStream(part)) {
          pdf(out);
        }
      } else {
        Files.writeString(part, html());
      }
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // the original error says what went wrong
      }
      throw new UncheckedIOException(
          "Cannot write the report to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The anchor of an insight's days in the appendix. */
  static String anchor(Insight i) {
    return i.kind().id()
        + "-"
        + String.join("-", i.metrics().stream().map(MetricType::id).toList())
        + "-"
        + i.from()
        + "-"
        + i.to()
        + (i instanceof Correlation c ? "-lag" + c.lag() : "");
  }

  private static String figuresAnchor(MetricType m) {
    return "week-" + m.id();
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("Every JDK builds DOM documents", e);
    }
  }

  private static Element add(Document doc, org.w3c.dom.Node parent, String tag) {
    Element e = doc.createElement(tag);
    parent.appendChild(e);
    return e;
  }

  private static Element add(Document doc, org.w3c.dom.Node parent, String tag, String text) {
    Element e = add(doc, parent, tag);
    e.setTextContent(text);
    return e;
  }
}
