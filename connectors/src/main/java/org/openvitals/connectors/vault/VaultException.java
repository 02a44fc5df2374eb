package org.openvitals.connectors.vault;

/** The vault could not be read or written; the message names the file. */
public class VaultException extends RuntimeException {
  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
