package org.openvitals.connectors.applehealth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files the Apple Health importer claims, and how it recognises a file it has seen. */
class AppleHealthDetectionTest {
  private static final byte[] EXPORT =
      "<?xml version=\"1.0\"?>\n<HealthData locale=\"en_US\"></HealthData>\n".getBytes(UTF_8);

  @TempDir Path temp;
  private final AppleHealthImporter importer = new AppleHealthImporter();

  @Test
  void aZipIsClaimedOnlyWhenItHoldsTheExport() throws Exception {
    assertThat(importer.canRead(zip("export.zip", "apple_health_export/export.xml"))).isTrue();
    assertThat(importer.canRead(zip("bare.zip", "export.xml"))).isTrue();
    assertThat(importer.canRead(zip("photos.zip", "photos/export.xmlx", "notes.txt"))).isFalse();
    // macOS adds an AppleDouble shadow of every file when it zips; the shadow is not the export.
    assertThat(importer.canRead(zip("shadow.zip", "__MACOSX/apple_health_export/._export.xml")))
        .isFalse();
  }

  @Test
  void aFolderOrAnXmlWithoutHealthDataIsNotClaimed() throws Exception {
    assertThat(importer.canRead(temp)).isFalse();
    assertThat(importer.canRead(Files.writeString(temp.resolve("feed.xml"), "<rss/>"))).isFalse();
    assertThat(importer.canRead(Files.write(temp.resolve("export.xml"), EXPORT))).isTrue();
  }

  @Test
  void theExportEntryIsFoundByItsPathNotByItsEnding() {
    assertThat(AppleHealthImporter.isExportXml("apple_health_export/export.xml")).isTrue();
    assertThat(AppleHealthImporter.isExportXml("apple_health_export\\export.xml")).isTrue();
    assertThat(AppleHealthImporter.isExportXml("apple_health_export/export_cda.xml")).isFalse();
    assertThat(AppleHealthImporter.isExportXml("apple_health_export/myexport.xml")).isFalse();
    assertThat(AppleHealthImporter.isExportXml("__MACOSX/apple_health_export/export.xml"))
        .isFalse();
  }

  @Test
  void aFileIsRecognisedByItsSizeAndContentNotItsName() throws Exception {
    Path a = Files.write(temp.resolve("a.xml"), EXPORT);
    Path renamed = Files.write(temp.resolve("renamed.xml"), EXPORT);
    byte[] edited = EXPORT.clone();
    edited[edited.length - 3] = 'X'; // same size, other content
    Path sameSize = Files.write(temp.resolve("same-size.xml"), edited);
    // Past the first megabyte only the size tells two files apart (a download that grew).
    byte[] big = new byte[(1 << 20) + 10];
    Path grown = Files.write(temp.resolve("grown.xml"), big);
    Path biggerStill = Files.write(temp.resolve("bigger.xml"), new byte[(1 << 20) + 20]);

    assertThat(ImportRun.fingerprint(renamed)).isEqualTo(ImportRun.fingerprint(a)).hasSize(24);
    assertThat(ImportRun.fingerprint(sameSize)).isNotEqualTo(ImportRun.fingerprint(a));
    assertThat(ImportRun.fingerprint(biggerStill)).isNotEqualTo(ImportRun.fingerprint(grown));
  }

  private Path zip(String name, String... entries) throws Exception {
    Map<String, byte[]> content = new LinkedHashMap<>();
    for (String entry : entries) {
      content.put(entry, EXPORT);
    }
    return Zips.write(temp.resolve(name), content);
  }
}
