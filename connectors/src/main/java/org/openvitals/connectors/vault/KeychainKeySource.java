package org.openvitals.connectors.vault;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.io.IOException;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps the vault key in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux desktops) through java-keyring.
 */
public final class KeychainKeySource implements KeySource {
  static final String SERVICE = "OpenVitals token vault";

  private final String account;

  /** {@code account} distinguishes data folders, so two folders never share a key by accident. */
  public KeychainKeySource(String account) {
    this.account = account;
  }

  /**
   * Whether this machine has a usable keychain (false on headless Linux without a secret service).
   */
  public static boolean available() {
    try (Keyring keyring = Keyring.create()) {
      return keyring != null;
    } catch (Exception | LinkageError e) {
      return false; // no backend (headless Linux), or its native part failed to load
    }
  }

  @Override
  public synchronized SecretKey key() throws IOException {
    try (Keyring keyring = Keyring.create()) {
      String stored;
      try {
        stored = keyring.getPassword(SERVICE, account);
      } catch (PasswordAccessException missing) {
        stored = null;
      }
      if (stored == null || stored.isEmpty()) {
        SecretKey fresh = TokenVault.newKey();
        keyring.setPassword(
            SERVICE, account, Base64.getEncoder().encodeToString(fresh.getEncoded()));
        return fresh;
      }
      return new SecretKeySpec(Base64.getDecoder().decode(stored), "AES");
    } catch (BackendNotSupportedException | PasswordAccessException e) {
      throw new IOException("The OS keychain refused access to the OpenVitals vault key: " + e, e);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("The OS keychain failed: " + e, e);
    }
  }

  @Override
  public String description() {
    return "OS keychain (service '" + SERVICE + "', account '" + account + "')";
  }
}
