package org.openvitals.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {
  @TempDir Path dir;

  private Path zip(int entries, int bytesEach) throws Exception {
    Path zip = dir.resolve("a.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < entries; i++) {
        z.putNextEntry(new ZipEntry("Fitbit/Global Export Data/steps-" + i + ".json"));
        z.write(new byte[bytesEach]);
        z.closeEntry();
      }
    }
    return zip;
  }

  @Test
  void streamsEveryEntryAndCountsCompressedBytes() throws Exception {
    Path zip = zip(3, 1000);
    ArchiveReader reader = new ArchiveReader(ArchiveReader.Limits.DEFAULT);
    List<String> seen = new ArrayList<>();

    reader.forEach(zip, (name, in) -> seen.add(name + ":" + in.readAllBytes().length));

    assertThat(seen).hasSize(3).allMatch(s -> s.endsWith(":1000"));
    assertThat(reader.bytesRead()).isEqualTo(Files.size(zip));
    assertThat(ArchiveReader.anyName(zip, n -> n.endsWith("steps-2.json"))).isTrue();
    assertThat(ArchiveReader.anyName(zip, n -> n.endsWith("sleep.json"))).isFalse();
  }

  @Test
  void anEntryExpandingBeyondItsCapStopsTheRead() throws Exception {
    Path zip = zip(1, 4 << 20);
    ArchiveReader reader = new ArchiveReader(new ArchiveReader.Limits(10, 1 << 20, 1L << 30, 200));

    assertThatThrownBy(() -> reader.forEach(zip, (name, in) -> in.readAllBytes()))
        .isInstanceOf(ArchiveReader.LimitException.class)
        .hasMessageContaining("steps-0.json expands beyond 1 MB");
  }

  @Test
  void tooManyEntriesStopTheRead() throws Exception {
    Path zip = zip(5, 10);
    ArchiveReader reader = new ArchiveReader(new ArchiveReader.Limits(4, 1 << 20, 1L << 30, 200));

    assertThatThrownBy(() -> reader.forEach(zip, (name, in) -> in.readAllBytes()))
        .isInstanceOf(ArchiveReader.LimitException.class)
        .hasMessageContaining("more than 4 files");
  }
}
