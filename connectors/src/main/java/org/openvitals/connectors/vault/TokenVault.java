package org.openvitals.connectors.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.openvitals.connectors.oauth.TokenSet;

/**
 * Tokens and client secrets at rest: one file per account under {@code <data>/vault/}, each
 * AES-256-GCM encrypted with a fresh 96-bit nonce and the account name as associated data (a file
 * renamed to another account fails to decrypt). Every write replaces the file atomically and is
 * fsynced before it returns, so a rotated refresh token survives a crash right after {@link #write}
 * and a crash during it leaves the previous file intact.
 */
public final class TokenVault {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] MAGIC = "OVV1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9_.-]+");
  static final String ENV_KEY_STORAGE = "OPENVITALS_KEY_STORAGE";

  private final Path dir;
  private final KeySource keys;
  private final SecureRandom random = new SecureRandom();

  public TokenVault(Path dir, KeySource keys) {
    this.dir = dir;
    this.keys = keys;
  }

  /**
   * The vault of a data folder, with its key in the OS keychain when there is one, else in {@code
   * vault/vault.key} with owner-only permissions; {@code warn} hears about the fallback. {@code
   * keyStorage} ({@code auto}, {@code keychain} or {@code file}; null means auto) comes from the
   * settings or {@code $OPENVITALS_KEY_STORAGE}.
   */
  public static TokenVault open(Path dataDir, String keyStorage, Consumer<String> warn) {
    return new TokenVault(dataDir.resolve("vault"), keySource(dataDir, keyStorage, warn));
  }

  /**
   * Where the vault of a data folder keeps its key (see {@link #open}). Other secrets of the data
   * folder (the phone endpoint's private key) are sealed with the same key.
   */
  public static KeySource keySource(Path dataDir, String keyStorage, Consumer<String> warn) {
    Path dir = dataDir.resolve("vault");
    String mode = keyStorage == null || keyStorage.isBlank() ? "auto" : keyStorage;
    KeySource source =
        switch (mode) {
          case "keychain" -> new KeychainKeySource(keychainAccount(dataDir));
          case "file" -> fileFallback(dir, warn);
          case "auto" ->
              KeychainKeySource.available()
                  ? new KeychainKeySource(keychainAccount(dataDir))
                  : fileFallback(dir, warn);
          default ->
              throw new IllegalArgumentException(
                  "Unknown key storage '" + mode + "' (expected auto, keychain or file)");
        };
    return source;
  }

  private static KeySource fileFallback(Path dir, Consumer<String> warn) {
    FileKeySource source = new FileKeySource(dir.resolve("vault.key"));
    warn.accept(
        "WARNING: no OS keychain is available, so the key that encrypts your provider tokens is"
            + " kept in "
            + source.file()
            + " (readable by your user only). Anyone who can read your files can use your"
            + " connected accounts.");
    return source;
  }

  private static String keychainAccount(Path dataDir) {
    return dataDir.toAbsolutePath().normalize().toString();
  }

  public String keyDescription() {
    return keys.description();
  }

  public Optional<VaultEntry> read(String account) {
    Path file = fileOf(account);
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new VaultException("Could not read the token vault file " + file + ": " + e, e);
    }
    try {
      return Optional.of(fromJson(JSON.readTree(open(account, sealed, file))));
    } catch (IOException e) {
      throw new VaultException("The token vault file " + file + " is damaged: " + e, e);
    }
  }

  /** Encrypts and durably replaces the account's file; returns only once it is on disk. */
  public synchronized void write(VaultEntry entry) {
    Path file = fileOf(entry.account());
    try {
      Files.createDirectories(dir);
      byte[] plain = JSON.writeValueAsBytes(toJson(entry));
      AtomicFiles.writeDurably(file, seal(entry.account(), plain));
    } catch (IOException | GeneralSecurityException e) {
      throw new VaultException("Could not write the token vault file " + file + ": " + e, e);
    }
  }

  public void delete(String account) {
    try {
      Files.deleteIfExists(fileOf(account));
    } catch (IOException e) {
      throw new VaultException("Could not delete " + fileOf(account) + ": " + e, e);
    }
  }

  public List<String> accounts() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> accounts = new ArrayList<>();
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".vault"))
          .sorted()
          .forEach(n -> accounts.add(n.substring(0, n.length() - ".vault".length())));
      return accounts;
    } catch (IOException e) {
      throw new VaultException("Could not list the token vault " + dir + ": " + e, e);
    }
  }

  Path fileOf(String account) {
    if (!ACCOUNT.matcher(account).matches()) {
      throw new IllegalArgumentException("Not a vault account name: '" + account + "'");
    }
    return dir.resolve(account + ".vault");
  }

  private byte[] seal(String account, byte[] plain) throws IOException, GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(account.getBytes(StandardCharsets.UTF_8));
    byte[] sealed = cipher.doFinal(plain);
    return ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length)
        .put(MAGIC)
        .put(nonce)
        .put(sealed)
        .array();
  }

  private byte[] open(String account, byte[] file, Path path) throws IOException {
    if (file.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8
        || !java.util.Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("not an OpenVitals vault file");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          keys.key(),
          new GCMParameterSpec(TAG_BITS, file, MAGIC.length, NONCE_BYTES));
      cipher.updateAAD(account.getBytes(StandardCharsets.UTF_8));
      int offset = MAGIC.length + NONCE_BYTES;
      return cipher.doFinal(file, offset, file.length - offset);
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "it cannot be decrypted with the vault key from "
              + keys.description()
              + " (wrong key, or the file was altered)",
          e);
    }
  }

  static SecretKey newKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      return generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has AES", e);
    }
  }

  private static ObjectNode toJson(VaultEntry e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("account", e.account());
    node.put("client_id", e.clientId());
    node.put("client_secret", e.clientSecret());
    if (e.tokens() != null) {
      ObjectNode t = node.putObject("tokens");
      t.put("access_token", e.tokens().accessToken());
      t.put("refresh_token", e.tokens().refreshToken());
      t.put(
          "expires_at", e.tokens().expiresAt() == null ? null : e.tokens().expiresAt().toString());
      t.put("scope", e.tokens().scope());
      t.put("user_id", e.tokens().userId());
    }
    node.put("updated_at", e.updatedAt() == null ? null : e.updatedAt().toString());
    node.put("lost_reason", e.lostReason());
    return node;
  }

  private static VaultEntry fromJson(JsonNode node) {
    JsonNode t = node.get("tokens");
    TokenSet tokens =
        t == null || t.isNull()
            ? null
            : new TokenSet(
                text(t, "access_token"),
                text(t, "refresh_token"),
                instant(t, "expires_at"),
                text(t, "scope"),
                text(t, "user_id"));
    return new VaultEntry(
        text(node, "account"),
        text(node, "client_id"),
        text(node, "client_secret"),
        tokens,
        instant(node, "updated_at"),
        text(node, "lost_reason"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    String v = text(node, field);
    return v == null ? null : Instant.parse(v);
  }
}
