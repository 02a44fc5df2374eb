package org.openvitals.connectors.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.oauth.TokenSet;

class TokenVaultTest {
  @TempDir Path dir;

  private VaultEntry entry(String account, String access, String refresh) {
    return new VaultEntry(
        account,
        "client",
        "very-secret",
        new TokenSet(access, refresh, Instant.parse("2026-08-12T11:00:00Z"), "daily", "363"),
        Instant.parse("2026-08-12T10:00:00Z"),
        null);
  }

  @Test
  void tokensAreEncryptedAtRestAndReadBack() throws Exception {
    List<String> warnings = new ArrayList<>();
    TokenVault vault = TokenVault.open(dir, "file", warnings::add);
    vault.write(entry("oura", "access-123", "refresh-456"));

    assertThat(vault.read("oura")).contains(entry("oura", "access-123", "refresh-456"));
    byte[] raw = Files.readAllBytes(dir.resolve("vault/oura.vault"));
    String asText = new String(raw, StandardCharsets.ISO_8859_1);
    assertThat(asText)
        .doesNotContain("access-123")
        .doesNotContain("refresh-456")
        .doesNotContain("very-secret");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("no OS keychain")
        .contains("vault.key");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("vault/vault.key"))))
        .isEqualTo("rw-------");
    // The tokens and the folder are the owner's alone too, whatever the umask.
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("vault/oura.vault"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("vault"))))
        .isEqualTo("rwx------");
    assertThat(vault.accounts()).containsExactly("oura");
  }

  @Test
  void aFileMovedToAnotherAccountOrAlteredDoesNotDecrypt() throws Exception {
    TokenVault vault = TokenVault.open(dir, "file", w -> {});
    vault.write(entry("oura", "a", "r"));
    Files.copy(dir.resolve("vault/oura.vault"), dir.resolve("vault/withings.vault"));
    assertThatThrownBy(() -> vault.read("withings"))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("withings.vault")
        .hasMessageContaining("cannot be decrypted");

    byte[] raw = Files.readAllBytes(dir.resolve("vault/oura.vault"));
    raw[raw.length - 1] ^= 1;
    Files.write(dir.resolve("vault/oura.vault"), raw);
    assertThatThrownBy(() -> vault.read("oura")).isInstanceOf(VaultException.class);
  }

  @Test
  void aCrashDuringAWriteLeavesThePreviousTokensIntact() throws Exception {
    TokenVault vault = TokenVault.open(dir, "file", w -> {});
    vault.write(entry("oura", "a1", "r1"));
    // A crash after the temporary file was half written and before the rename:
    Files.write(dir.resolve("vault/oura.vault.tmp"), new byte[] {1, 2, 3});
    assertThat(vault.read("oura").orElseThrow().tokens().refreshToken()).isEqualTo("r1");
    // The next write replaces the leftover.
    vault.write(entry("oura", "a2", "r2"));
    assertThat(vault.read("oura").orElseThrow().tokens().refreshToken()).isEqualTo("r2");
  }

  @Test
  void theKeyFileIsReusedAcrossOpens() {
    TokenVault.open(dir, "file", w -> {}).write(entry("oura", "a", "r"));
    assertThat(TokenVault.open(dir, "file", w -> {}).read("oura")).isPresent();
  }

  @Test
  void unknownKeyStorageIsNamed() {
    assertThatThrownBy(() -> TokenVault.open(dir, "usb-stick", w -> {}))
        .hasMessageContaining("usb-stick");
  }
}
