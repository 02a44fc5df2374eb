package org.openvitals.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersAndTimestampsTest {
  private final Numbers dot = new Numbers(false);
  private final Numbers comma = new Numbers(true);

  @Test
  void numbersAsSpreadsheetsWriteThem() {
    assertThat(dot.parse("72.5")).isEqualTo(72.5);
    assertThat(dot.parse("72,5")).isEqualTo(72.5);
    assertThat(dot.parse("1,050")).isEqualTo(1050);
    assertThat(dot.parse("1,050.0")).isEqualTo(1050);
    assertThat(dot.parse("-402.21")).isEqualTo(-402.21);
    assertThat(comma.parse("1.234,5")).isEqualTo(1234.5);
    assertThat(comma.parse("1.234")).isEqualTo(1234);
    assertThat(comma.parse("1,050")).isEqualTo(1.05);
    assertThat(comma.parse("8 456")).isEqualTo(8456);
    assertThat(comma.parse("12\u00A0345,6")).isEqualTo(12345.6);
    assertThat(Numbers.isEmpty(" - ")).isTrue();
    assertThatThrownBy(() -> dot.parse("12kg")).hasMessage("'12kg' is not a number");
    assertThatThrownBy(() -> dot.parse("NaN")).hasMessage("'NaN' is not a number");
  }

  @Test
  void datePatternsAreDetectedFromTheValues() {
    assertThat(Timestamps.detectDatePattern(List.of("2024-01-02", "2024-01-03T07:00Z")))
        .isEqualTo("uuuu-MM-dd");
    assertThat(Timestamps.detectDatePattern(List.of("03.01.2024 07:15"))).isEqualTo("dd.MM.uuuu");
    assertThat(Timestamps.detectDatePattern(List.of("01/02/2024", "12/31/2024")))
        .isEqualTo("MM/dd/uuuu");
    assertThat(Timestamps.detectDatePattern(List.of("01/02/2024", "31/12/2024")))
        .isEqualTo("dd/MM/uuuu");
    assertThat(Timestamps.detectDatePattern(List.of("soon"))).isNull();
  }

  @Test
  void timesOfDay() {
    assertThat(Timestamps.parseTime("9:51 AM").time()).isEqualTo(LocalTime.of(9, 51));
    assertThat(Timestamps.parseTime("12:00 AM").time()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(Timestamps.parseTime("12:30 PM").time()).isEqualTo(LocalTime.of(12, 30));
    assertThat(Timestamps.parseTime("21:22:12.000").time()).isEqualTo(LocalTime.of(21, 22, 12));
    assertThat(Timestamps.parseTime("08:15 ").time()).isEqualTo(LocalTime.of(8, 15));
    assertThat(Timestamps.parseTime("07:00+0530").offset())
        .isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    assertThat(Timestamps.parseTime("07:00Z").offset()).isEqualTo(ZoneOffset.UTC);
    assertThatThrownBy(() -> Timestamps.parseTime("25:00")).hasMessageContaining("not a time");
    assertThatThrownBy(() -> Timestamps.parseTime("13:00 PM")).hasMessageContaining("12-hour");
  }

  @Test
  void dialects() {
    assertThat(
            CsvDialect.detect("a;b;c\n1;2;3\n".getBytes(StandardCharsets.UTF_8), true).delimiter())
        .isEqualTo(';');
    assertThat(CsvDialect.detect("a\tb\n".getBytes(StandardCharsets.UTF_8), true).delimiter())
        .isEqualTo('\t');
    assertThat(
            CsvDialect.detect("\"x;y\",b,c\n".getBytes(StandardCharsets.UTF_8), true).delimiter())
        .isEqualTo(',');
    assertThat(CsvDialect.detect("Größe;x\n".getBytes(CsvDialect.WINDOWS_1252), true).charset())
        .isEqualTo(CsvDialect.WINDOWS_1252);
    assertThat(CsvDialect.detect("Größe;x\n".getBytes(StandardCharsets.UTF_8), true).charset())
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(HeaderName.parse("B12 (Cobalamin) (µg)"))
        .isEqualTo(new HeaderName("B12 (Cobalamin)", "µg"));
    assertThat(HeaderName.parse("Gewicht in kg")).isEqualTo(new HeaderName("Gewicht", "kg"));
    assertThat(HeaderName.parse("Weight [lb]").key()).isEqualTo("weight");
  }
}
