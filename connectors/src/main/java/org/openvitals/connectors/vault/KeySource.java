package org.openvitals.connectors.vault;

import java.io.IOException;
import javax.crypto.SecretKey;

/** Where the vault's AES key lives. */
public interface KeySource {

  /** The key, created and stored on first use. */
  SecretKey key() throws IOException;

  /** Says where the key is kept, for status output and the README. */
  String description();
}
