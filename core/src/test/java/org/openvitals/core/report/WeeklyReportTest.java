package org.openvitals.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.demo.SyntheticData.Effects;
import org.openvitals.core.insights.Anomaly;
import org.openvitals.core.insights.GeneratedSeriesAccess;
import org.openvitals.core.insights.InsightData;
import org.openvitals.core.model.MetricType;

class WeeklyReportTest {
  /** The ISO week 2026-W48: Monday 23 to Sunday 29 November 2026. */
  private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

  private static WeeklyReport report;

  @BeforeAll
  static void generate() {
    // A resting heart rate 6 bpm higher from the Tuesday of the week: days outside the range.
    InsightData data =
        GeneratedSeriesAccess.data(
            1,
            120,
            Effects.NONE.withRestingHeartRateRise(MONDAY.plusDays(1), 6),
            MetricType.RESTING_HEART_RATE,
            MetricType.SLEEP_ASLEEP,
            MetricType.HRV_SDNN,
            MetricType.BODY_MASS);
    report = WeeklyReport.of(MONDAY, data, e -> "EXPLAINED " + e.metric().id() + " " + e.date());
  }

  @Test
  void isoWeeksAreReadAndWritten() {
    assertThat(WeeklyReport.parseWeek("2026-W48")).isEqualTo(MONDAY);
    assertThat(WeeklyReport.parseWeek("2026-W01")).isEqualTo(LocalDate.of(2025, 12, 29));
    assertThat(WeeklyReport.weekOf(LocalDate.of(2026, 11, 29))).isEqualTo("2026-W48");
    assertThatThrownBy(() -> WeeklyReport.parseWeek("2026-W54"))
        .hasMessageContaining("Week 54 does not exist in 2026");
    assertThatThrownBy(() -> WeeklyReport.parseWeek("2026-48"))
        .hasMessageContaining("write it as YYYY-Www");
    assertThatThrownBy(() -> WeeklyReport.of(MONDAY.plusDays(1), null, e -> ""))
        .hasMessageContaining("starts on a Monday");
  }

  @Test
  void theHtmlShowsTheWeekAndLinksEveryInsightToItsDaysAndExplanation() {
    String html = report.html();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Your week 2026-W48");
    assertThat(html)
        .contains("The week's figures", "Resting heart rate", "Days outside your normal range");
    assertThat(report.anomalies())
        .isNotEmpty()
        .allSatisfy(a -> assertThat(a.metric()).isEqualTo(MetricType.RESTING_HEART_RATE))
        .allSatisfy(a -> assertThat(a.date()).isBetween(MONDAY, MONDAY.plusDays(6)));
    Anomaly first = report.anomalies().getFirst();
    assertThat(html).contains("EXPLAINED resting_heart_rate " + first.date());
    // Every link points to an anchor in the document.
    Matcher links = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
    int count = 0;
    while (links.find()) {
      assertThat(html).contains("id=\"" + links.group(1) + "\"");
      count++;
    }
    assertThat(count).isGreaterThanOrEqualTo(4 + report.anomalies().size());
  }

  @Test
  void thePdfHoldsTheSameText(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("week.pdf");
    report.write(file);
    assertThat(file.resolveSibling("week.pdf.part")).doesNotExist();
    try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(file))) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2);
      assertThat(text)
          .contains("Your week 2026-W48", "Resting heart rate", "EXPLAINED resting_heart_rate");
    }
    Path html = dir.resolve("week.html");
    report.write(html);
    assertThat(Files.readString(html)).isEqualTo(report.html());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.pdf(out);
    assertThat(out.toByteArray()).startsWith("%PDF".getBytes());
  }

  /**
   * openhtmltopdf's messages reach java.util.logging's root handlers (the app's log file), and its
   * loggers have no handler of their own (its default is a console handler: lines on the terminal).
   */
  @Test
  void thePdfLogsThroughJavaUtilLoggingOnly() throws Exception {
    List<LogRecord> seen = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            seen.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try {
      report.pdf(new ByteArrayOutputStream());
    } finally {
      root.removeHandler(capture);
    }
    assertThat(seen).anyMatch(r -> r.getLoggerName().startsWith("com.openhtmltopdf"));
    for (String name : XRLog.listRegisteredLoggers()) {
      Logger logger = Logger.getLogger(name);
      assertThat(logger.getHandlers()).as(name).isEmpty();
      assertThat(logger.getUseParentHandlers()).as(name).isTrue();
    }
  }
}
