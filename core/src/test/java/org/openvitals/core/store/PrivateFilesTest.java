package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "POSIX permissions; the ACL is checked below")
class PrivateFilesTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "h2-encrypted"})
  void aNewStoreIsOwnerOnlyWhateverTheUmask(String variant) throws IOException {
    Path dir = tmp.resolve("new/OpenVitals");
    StoreConfig config =
        switch (variant) {
          case "sqlite" -> StoreConfig.sqlite(dir);
          case "h2" -> new StoreConfig(dir, Engine.H2, null);
          default -> new StoreConfig(dir, Engine.H2, "pw".toCharArray());
        };
    try (SampleStore store = Stores.open(config)) {
      store.upsert(List.of(sample()));
      // Checked while open: SQLite's -wal and -shm exist now.
      assertPrivate(dir);
    }
    assertPrivate(dir);
  }

  @Test
  void anExistingFolderIsTightenedOnOpenAndTheRestOfItIsLeftAlone() throws IOException {
    Path dir = tmp.resolve("old");
    Files.createDirectories(dir.resolve("vault"));
    Files.writeString(dir.resolve("vault/a.vault"), "sealed");
    // The app's map tiles around the person's routes (tiles/<server>/<z>/<x>/<y>.tile).
    Files.createDirectories(dir.resolve("tiles/osm/5/4"));
    Files.writeString(dir.resolve("tiles/osm/5/4/11.tile"), "png");
    Files.writeString(dir.resolve("notes.txt"), "not ours");
    Stores.open(StoreConfig.sqlite(dir)).close();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dir.resolve("vault"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dir.resolve("vault/a.vault"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        dir.resolve("tiles/osm/5/4/11.tile"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(
        dir.resolve("notes.txt"), PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(PrivateFiles.tighten(dir))
        .containsExactlyInAnyOrder(
            "the data folder (was rwxr-xr-x)",
            "vault (was rwxr-xr-x)",
            "vault/a.vault (was rw-r--r--)",
            "tiles/osm/5/4/11.tile (was rw-r--r--)");
    assertThat(PrivateFiles.tighten(dir)).isEmpty();
    assertThat(perms(dir.resolve("notes.txt"))).isEqualTo("rw-r--r--");

    Files.setPosixFilePermissions(
        dir.resolve("openvitals.db"), PosixFilePermissions.fromString("rw-rw-r--"));
    Stores.open(StoreConfig.sqlite(dir)).close();
    assertThat(perms(dir.resolve("openvitals.db"))).isEqualTo("rw-------");
  }

  @Test
  void theWindowsAclHasOneEntryForTheOwnerInheritedByFolderContents() {
    UserPrincipal owner = () -> "anna";
    List<AclEntry> folder = PrivateFiles.ownerOnly(owner, true);
    assertThat(folder).hasSize(1);
    AclEntry entry = folder.getFirst();
    assertThat(entry.type()).isEqualTo(AclEntryType.ALLOW);
    assertThat(entry.principal()).isEqualTo(owner);
    assertThat(entry.permissions()).contains(AclEntryPermission.READ_DATA);
    assertThat(entry.flags())
        .containsExactlyInAnyOrder(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);
    assertThat(PrivateFiles.ownerOnly(owner, false).getFirst().flags()).isEmpty();
  }

  private static void assertPrivate(Path dir) throws IOException {
    assertThat(perms(dir)).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList())
          .isNotEmpty()
          .allSatisfy(f -> assertThat(perms(f)).as(f.toString()).isEqualTo("rw-------"));
    }
  }

  private static String perms(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Sample sample() {
    OffsetDateTime t = OffsetDateTime.parse("2024-05-01T08:00:00Z");
    return Sample.of(MetricType.STEPS, t, t.plusMinutes(1), 5, new SourceRef("test", "phone"));
  }
}
